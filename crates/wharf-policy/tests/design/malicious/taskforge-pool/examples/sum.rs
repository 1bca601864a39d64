fn main() {
    let pool = taskforge_pool::ThreadPool::default();
    let handles: Vec<_> = (0..64u64).map(|i| pool.spawn(move || (0..i * 1000).sum::<u64>())).collect();
    let total: u64 = handles.into_iter().map(|h| h.join()).sum();
    println!("total = {total}");
}
