use log::{error, info, warn, LevelFilter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:12201".into());
    gelfsink::Builder::new(&addr)
        .facility("example")
        .field("env", "dev")
        .level(LevelFilter::Debug)
        .init()?;

    info!("hello from gelfsink");
    warn!(target: "db", "slow query took {} ms", 1234);
    error!("something failed: {}", "disk full");
    gelfsink::flush(std::time::Duration::from_secs(2));
    Ok(())
}
