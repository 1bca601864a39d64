//! cargo run --example mine -- stratum+tcp://127.0.0.1:3333 worker.1 x 1
use std::time::Duration;

use stratum_cpuminer::{Event, Miner, MinerConfig};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: mine <pool-url> <user> <password> [threads]");
        std::process::exit(2);
    }
    let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(1);
    let cfg = MinerConfig::new(&args[0], &args[1], &args[2])
        .threads(threads)
        .on_event(|e: &Event| eprintln!("[miner] {e:?}"));
    let miner = Miner::start(cfg)?;
    loop {
        std::thread::sleep(Duration::from_secs(10));
        let s = miner.stats();
        eprintln!("[miner] {:.1} kH/s, {} accepted, {} rejected, diff {}", s.hashrate / 1e3, s.accepted, s.rejected, s.difficulty);
    }
}
