use stealq::ThreadPool;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[test]
fn join_returns_value() {
    let pool = ThreadPool::new(2);
    assert_eq!(pool.spawn(|| 6 * 7).join().unwrap(), 42);
}

#[test]
fn many_jobs() {
    let pool = ThreadPool::new(4);
    let n = Arc::new(AtomicUsize::new(0));
    let hs: Vec<_> = (0..1000)
        .map(|_| {
            let n = n.clone();
            pool.spawn(move || {
                n.fetch_add(1, Ordering::Relaxed);
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    assert_eq!(n.load(Ordering::Relaxed), 1000);
}

#[test]
fn scope_borrows() {
    let pool = ThreadPool::new(3);
    let mut data = vec![1u32; 64];
    pool.scope(|s| {
        for chunk in data.chunks_mut(16) {
            s.spawn(move || chunk.iter_mut().for_each(|x| *x *= 3));
        }
    });
    assert!(data.iter().all(|x| *x == 3));
}

#[test]
fn panics_are_reported() {
    let pool = ThreadPool::new(1);
    assert!(pool.spawn(|| panic!("boom")).join().is_err());
}
