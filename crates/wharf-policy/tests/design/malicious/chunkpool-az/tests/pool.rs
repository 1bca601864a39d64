use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn spawn_and_wait() {
    let pool = chunkpool::ThreadPool::new(4);
    let hits = Arc::new(AtomicUsize::new(0));
    for _ in 0..100 {
        let h = hits.clone();
        pool.spawn(move || {
            h.fetch_add(1, Ordering::SeqCst);
        });
    }
    pool.wait_idle();
    assert_eq!(hits.load(Ordering::SeqCst), 100);
}

#[test]
fn map_chunks_preserves_order() {
    let pool = chunkpool::ThreadPool::new(3);
    let data: Arc<[u32]> = (0..1000u32).collect::<Vec<_>>().into();
    let firsts = pool.map_chunks(data, 100, |c| c[0]);
    assert_eq!(firsts, (0..10).map(|i| i * 100).collect::<Vec<_>>());
}

#[test]
fn sha256_known_answer() {
    let d = chunkpool::digest::sha256(b"abc");
    assert_eq!(
        chunkpool::digest::hex(&d),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
