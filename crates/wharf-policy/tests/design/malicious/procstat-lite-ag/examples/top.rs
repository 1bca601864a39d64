use std::{thread, time::Duration};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let h = procstat_lite_ag::HostInfo::read()?;
    println!(
        "{}: {} cpus, {} MiB total, up {:.0}s, virt={:?}, container={}",
        h.hostname,
        h.cpus,
        h.mem_total_kib / 1024,
        h.uptime_secs,
        h.virtualization,
        h.container
    );
    for _ in 0..5 {
        let p = procstat_lite_ag::ProcessStats::current()?;
        println!("rss={} KiB threads={} cpu={:?}", p.vm_rss_kib, p.threads, procstat_lite_ag::cpu_percent());
        thread::sleep(Duration::from_secs(1));
    }
    Ok(())
}
