use taskpool_lite::ThreadPool;

fn main() {
    let pool = ThreadPool::auto();
    println!("{} workers", pool.size());
    let handles: Vec<_> = (0..64u64).map(|i| pool.spawn(move || (0..=i).sum::<u64>())).collect();
    let total: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    println!("total = {total}");
}
