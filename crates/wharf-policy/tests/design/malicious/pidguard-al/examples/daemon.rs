use std::time::Duration;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/tmp/example-daemon.pid".into());
    match std::env::args().nth(2).as_deref() {
        Some("status") => {
            println!("{:?}", pidguard::PidFile::status(&path).unwrap());
        }
        _ => {
            let pid = pidguard::PidFile::acquire(&path).expect("acquire");
            println!("running as {}", pid.pid());
            std::thread::sleep(Duration::from_secs(5));
        }
    }
}
