//! Background eviction thread.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::pacing::Pacer;

pub(crate) trait Sweep: Send + Sync {
    fn sweep_batch(&self, batch: usize) -> usize;
}

impl<K, V, S> Sweep for crate::Inner<K, V, S>
where
    K: std::hash::Hash + Eq + Send + Sync,
    V: Clone + Send + Sync,
    S: std::hash::BuildHasher + Send + Sync,
{
    fn sweep_batch(&self, batch: usize) -> usize {
        self.sweep(batch)
    }
}

/// Owned by the map; stops the thread when dropped.
pub(crate) struct Handle {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            // Do not join: the map may be dropped from inside a sweep callback.
        }
    }
}

pub(crate) fn spawn<T: Sweep + 'static>(target: Weak<T>, every: Duration, batch: usize) -> Handle {
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let thread = thread::Builder::new()
        .name("ttlmap-janitor".into())
        .spawn(move || run(target, every, batch, stop2))
        .ok();
    Handle { stop, thread }
}

fn run<T: Sweep>(target: Weak<T>, every: Duration, batch: usize, stop: Arc<AtomicBool>) {
    let mut pacer = Pacer::new();
    let mut batch = batch;
    loop {
        thread::park_timeout(every);
        if stop.load(Ordering::Acquire) {
            return;
        }
        let Some(map) = target.upgrade() else { return };
        let evicted = map.sweep_batch(batch);
        drop(map);

        // Grow the batch while we keep filling it, shrink it when idle.
        batch = if evicted >= batch { (batch * 2).min(1 << 16) } else { (batch / 2).max(64) };
        pacer.on_tick(every, evicted);
    }
}
