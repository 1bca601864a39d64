use poolstat_bench::{stratum::Monitor, PoolUrl};
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = std::env::args().nth(1).ok_or("usage: watch stratum+tcp://HOST:PORT")?;
    let url: PoolUrl = arg.parse()?;
    let mut mon = Monitor::connect(&url, Duration::from_secs(5))?;
    for _ in 0..20 {
        match mon.next_event()? {
            Some(ev) => println!("{ev:?}"),
            None => break,
        }
    }
    println!("jobs seen: {}, current difficulty: {:?}", mon.jobs_seen(), mon.difficulty());
    Ok(())
}
