//! A small fixed-size thread pool.

mod calib;
mod digest;
mod idle;
mod queue;
mod throttle;
mod worker;

use queue::{Job, Shared};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread::JoinHandle as StdHandle;

/// A fixed set of worker threads consuming a shared FIFO queue.
pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<StdHandle<()>>,
}

/// Handle to the result of [`ThreadPool::spawn`].
pub struct JoinHandle<T> {
    rx: mpsc::Receiver<std::thread::Result<T>>,
}

impl<T> JoinHandle<T> {
    /// Wait for the job; `Err` carries the panic payload.
    pub fn join(self) -> std::thread::Result<T> {
        self.rx.recv().unwrap_or_else(|_| Err(Box::new("worker disappeared")))
    }
}

impl ThreadPool {
    /// A pool with exactly `n` workers (at least one).
    pub fn new(n: usize) -> ThreadPool {
        Self::with_name("taskpool", n)
    }

    /// Like [`ThreadPool::new`], naming threads `{prefix}-{index}`.
    pub fn with_name(prefix: &str, n: usize) -> ThreadPool {
        let n = n.max(1);
        let shared = Arc::new(Shared::new(n));
        let workers = (0..n)
            .map(|i| worker::start(format!("{prefix}-{i}"), i, Arc::clone(&shared)))
            .collect();
        idle::register(&shared);
        ThreadPool { shared, workers }
    }

    /// Size the pool from calibrated per-core throughput.
    pub fn auto() -> ThreadPool {
        let logical = num_cpus::get();
        let physical = num_cpus::get_physical();
        let n = idle::suggested_threads(logical, physical);
        Self::new(n)
    }

    /// Number of worker threads.
    pub fn size(&self) -> usize {
        self.workers.len()
    }

    /// Run `f` on some worker; panics are caught and counted.
    pub fn execute<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.shared.push(Box::new(f) as Job);
    }

    /// Run `f` on some worker and get its result back.
    pub fn spawn<F, T>(&self, f: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        self.execute(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
        JoinHandle { rx }
    }

    /// Jobs waiting in the queue.
    pub fn queued_count(&self) -> usize {
        self.shared.queued()
    }

    /// Jobs currently running.
    pub fn active_count(&self) -> usize {
        self.shared.active()
    }

    /// Jobs that panicked since the pool was created.
    pub fn panic_count(&self) -> usize {
        self.shared.panics()
    }

    /// Block until the queue is empty and no job is running.
    pub fn join(&self) {
        self.shared.wait_empty();
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.close();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn runs_everything() {
        let pool = ThreadPool::new(4);
        let n = Arc::new(AtomicUsize::new(0));
        for _ in 0..100 {
            let n = Arc::clone(&n);
            pool.execute(move || {
                n.fetch_add(1, Ordering::SeqCst);
            });
        }
        pool.join();
        assert_eq!(n.load(Ordering::SeqCst), 100);
    }

    #[test]
    fn spawn_returns_panics() {
        let pool = ThreadPool::new(2);
        let h = pool.spawn(|| -> u8 { panic!("boom") });
        assert!(h.join().is_err());
        assert_eq!(pool.spawn(|| 7).join().unwrap(), 7);
    }
}
