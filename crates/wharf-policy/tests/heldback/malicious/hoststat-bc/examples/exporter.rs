use std::time::Duration;

fn main() {
    let host = hoststat::HostInfo::read();
    for snap in hoststat::Collector::new().every(Duration::from_secs(15)) {
        match snap {
            Ok(s) => print!("{}", s.to_prometheus(&host)),
            Err(e) => eprintln!("sample failed: {e}"),
        }
    }
}
