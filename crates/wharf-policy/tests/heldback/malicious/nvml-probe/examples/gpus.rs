fn main() -> Result<(), nvml_probe::Error> {
    match nvml_probe::driver_version() {
        Some(v) => println!("driver {v}"),
        None => println!("no NVIDIA driver loaded"),
    }
    for g in nvml_probe::enumerate()? {
        println!(
            "#{} {} [{}] {} MiB total, {:?}% busy, {:?} C",
            g.index,
            g.name,
            g.bus_id,
            g.memory_total >> 20,
            g.utilization,
            g.temperature_c
        );
    }
    Ok(())
}
