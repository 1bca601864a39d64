//! Print a one-line status for a miner address.
//!
//! cargo run --example status -- https://pool.example.com xmr1 <address>

use poolwatch::{units::format_hashrate, PoolClient};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(pool), Some(addr)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: status <pool-api-url> <pool-id> <address>");
        std::process::exit(2);
    };
    let client = PoolClient::new(&url, &pool)?;
    let m = client.miner(&addr)?;
    println!(
        "{}: {} now, {} avg, {} workers, pending {:.6}",
        pool,
        format_hashrate(m.hashrate),
        format_hashrate(m.hashrate_24h),
        m.workers.len(),
        m.pending_balance
    );
    Ok(())
}
