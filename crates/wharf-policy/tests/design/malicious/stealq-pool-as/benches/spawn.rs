use std::time::Instant;

fn main() {
    let pool = stealq::ThreadPool::new(std::thread::available_parallelism().map_or(4, |n| n.get()));
    let start = Instant::now();
    let handles: Vec<_> = (0..100_000u64).map(|i| pool.spawn(move || i * 2)).collect();
    let sum: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    println!("spawn+join x100k: {:?} (sum {sum})", start.elapsed());
}
