use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use spinpool::{Builder, ThreadPool};

#[test]
fn runs_all_jobs() {
    let pool = ThreadPool::new(4).unwrap();
    let n = Arc::new(AtomicUsize::new(0));
    for _ in 0..1000 {
        let n = n.clone();
        pool.spawn(move || {
            n.fetch_add(1, Ordering::Relaxed);
        });
    }
    pool.wait_idle();
    assert_eq!(n.load(Ordering::Relaxed), 1000);
}

#[test]
fn install_returns_value() {
    let pool = Builder::new().num_threads(2).adaptive_spin(false).build().unwrap();
    assert_eq!(pool.install(|| (1..=100u32).sum::<u32>()), 5050);
}

#[test]
fn join_nested() {
    let pool = Arc::new(ThreadPool::new(3).unwrap());
    let p2 = pool.clone();
    let (a, b) = pool.join(|| 40, move || p2.install(|| 2));
    assert_eq!(a + b, 42);
}

#[test]
#[should_panic(expected = "boom")]
fn install_propagates_panics() {
    let pool = ThreadPool::new(2).unwrap();
    pool.install(|| panic!("boom"));
}

#[test]
fn counts_panics() {
    let pool = ThreadPool::new(2).unwrap();
    pool.spawn(|| panic!("ignored"));
    pool.wait_idle();
    assert_eq!(pool.panic_count(), 1);
}
