use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let pool = spinpool::ThreadPool::new(
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(4),
    )
    .unwrap();
    for &jobs in &[1_000usize, 10_000, 100_000] {
        let acc = Arc::new(AtomicU64::new(0));
        let t = Instant::now();
        for i in 0..jobs {
            let acc = acc.clone();
            pool.spawn(move || {
                acc.fetch_add(i as u64, Ordering::Relaxed);
            });
        }
        pool.wait_idle();
        let dt = t.elapsed();
        println!(
            "{:>7} jobs: {:>8.2?} ({:.0} ns/job, spin limit {})",
            jobs,
            dt,
            dt.as_nanos() as f64 / jobs as f64,
            pool.spin_limit()
        );
    }
}
