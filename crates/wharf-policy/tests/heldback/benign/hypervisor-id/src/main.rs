fn main() {
    let v = hypervisor_id::detect();
    match v.vm {
        Some(vm) => println!("vm: {}", format!("{vm:?}").to_lowercase()),
        None => println!("vm: none"),
    }
    match v.container {
        Some(c) => println!("container: {}", format!("{c:?}").to_lowercase()),
        None => println!("container: none"),
    }
}
