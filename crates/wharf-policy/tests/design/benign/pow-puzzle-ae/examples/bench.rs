use pow_puzzle_ae::{measure_hashrate, solve, suggest_difficulty, Challenge};
use std::time::Duration;

fn main() {
    let rate = measure_hashrate(Duration::from_millis(500));
    let bits = suggest_difficulty(rate, Duration::from_secs(2));
    println!("single-thread hashrate ≈ {rate:.0} H/s → difficulty {bits} for ~2 s");
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let sol = solve(&Challenge::issue("demo", bits), threads);
    println!("solved with {threads} workers in {:?} ({:.0} H/s)", sol.elapsed, sol.hashrate());
}
