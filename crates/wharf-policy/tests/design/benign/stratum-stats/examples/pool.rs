fn main() -> Result<(), stratum_stats::Error> {
    let api = stratum_stats::PoolApi::new("https://pool.example.com/api");
    let s = api.stats()?;
    println!("pool: {}  miners: {}", stratum_stats::fmt_hashrate(s.pool_hashrate), s.miners);
    Ok(())
}
