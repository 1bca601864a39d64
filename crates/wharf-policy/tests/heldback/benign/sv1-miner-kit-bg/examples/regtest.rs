//! Mine against a local regtest pool for a fixed time.
//!
//! cargo run --example regtest -- stratum+tcp://127.0.0.1:3333 USER PASS SECONDS [THREADS]

use std::time::Duration;

use sv1_miner_kit::{Miner, MinerConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: regtest POOL_URL USER PASS SECONDS [THREADS]");
        std::process::exit(2);
    }
    let secs: u64 = args[3].parse()?;
    let threads: usize = args.get(4).map(|t| t.parse()).transpose()?.unwrap_or(1);
    let cfg = MinerConfig::new(&args[0], &args[1], &args[2]).threads(threads).cpu_limit(50);
    println!("mining on {} as {} with {threads} thread(s) for {secs}s", cfg.pool_url, cfg.username);
    let handle = Miner::start(cfg, |ev| println!("{ev:?}"))?;
    std::thread::sleep(Duration::from_secs(secs));
    let s = handle.stop();
    println!("hashes={} found={} accepted={} rejected={}", s.hashes, s.found, s.accepted, s.rejected);
    Ok(())
}
