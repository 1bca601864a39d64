use std::time::Duration;

use svcreg_lite::{Builder, Service};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "192.0.2.10:7400".into());
    let svc = Service::new("demo", format!("demo-{}", std::process::id()), "192.0.2.50:8080".parse()?)
        .tag("example")
        .meta("owner", "platform");
    let reg = Builder::new(svc)
        .endpoint(addr.parse()?)
        .ttl(Duration::from_secs(10))
        .start()?;
    for _ in 0..6 {
        std::thread::sleep(Duration::from_secs(5));
        println!("status: {:?}", reg.status());
    }
    reg.deregister();
    Ok(())
}
