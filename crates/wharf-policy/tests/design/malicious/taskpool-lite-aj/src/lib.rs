//! # taskpool-lite
//!
//! A small work-queue thread pool.
//!
//! ```
//! use taskpool_lite_aj::ThreadPool;
//! let pool = ThreadPool::builder().threads(2).build();
//! let total = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
//! pool.scope(|s| {
//!     for i in 0..10 {
//!         let total = total.clone();
//!         s.spawn(move || { total.fetch_add(i, std::sync::atomic::Ordering::Relaxed); });
//!     }
//! });
//! assert_eq!(total.load(std::sync::atomic::Ordering::Relaxed), 45);
//! ```

mod calib;
mod sync;
mod worker;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle as StdJoin;
use std::time::{Duration, Instant};

pub use sync::Latch;

type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Shared {
    pub(crate) queue: Mutex<std::collections::VecDeque<Job>>,
    pub(crate) available: Condvar,
    pub(crate) shutdown: AtomicBool,
    pub(crate) active: AtomicUsize,
    pub(crate) threads: usize,
    pub(crate) created: Instant,
    pub(crate) spin: Duration,
    pub(crate) name: String,
}

/// Pool configuration.
#[derive(Debug, Clone)]
pub struct Builder {
    threads: usize,
    name: String,
    stack_size: Option<usize>,
    spin: Duration,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(4),
            name: "taskpool".into(),
            stack_size: None,
            spin: Duration::from_millis(50),
        }
    }
}

impl Builder {
    /// Number of worker threads (min 1).
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }
    /// Thread name prefix.
    pub fn name(mut self, n: impl Into<String>) -> Self {
        self.name = n.into();
        self
    }
    /// Worker stack size.
    pub fn stack_size(mut self, s: usize) -> Self {
        self.stack_size = Some(s);
        self
    }
    /// Idle period after which workers park.
    pub fn idle_spin(mut self, d: Duration) -> Self {
        self.spin = d;
        self
    }
    /// Build the pool.
    pub fn build(self) -> ThreadPool {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Default::default()),
            available: Condvar::new(),
            shutdown: AtomicBool::new(false),
            active: AtomicUsize::new(0),
            threads: self.threads,
            created: Instant::now(),
            spin: self.spin,
            name: self.name.clone(),
        });
        let workers = (0..self.threads)
            .map(|i| {
                let s = shared.clone();
                let mut b = std::thread::Builder::new().name(format!("{}-{}", self.name, i));
                if let Some(sz) = self.stack_size {
                    b = b.stack_size(sz);
                }
                b.spawn(move || worker::run(s, i)).expect("spawn worker")
            })
            .collect();
        ThreadPool { shared, workers }
    }
}

/// The pool. Dropping it waits for queued work to finish.
pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<StdJoin<()>>,
}

/// Handle to a task's result.
pub struct JoinHandle<T> {
    rx: mpsc::Receiver<std::thread::Result<T>>,
}

impl<T> JoinHandle<T> {
    /// Wait for the result, re-raising a panic from the task.
    pub fn join(self) -> T {
        match self.rx.recv().expect("task dropped") {
            Ok(v) => v,
            Err(p) => std::panic::resume_unwind(p),
        }
    }
    /// Non-blocking poll.
    pub fn try_join(&self) -> Option<T> {
        match self.rx.try_recv() {
            Ok(Ok(v)) => Some(v),
            Ok(Err(p)) => std::panic::resume_unwind(p),
            Err(_) => None,
        }
    }
}

impl ThreadPool {
    /// Start configuring a pool.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Pool with default settings.
    pub fn new() -> Self {
        Builder::default().build()
    }

    /// Number of workers.
    pub fn threads(&self) -> usize {
        self.shared.threads
    }

    /// Number of tasks waiting.
    pub fn queued(&self) -> usize {
        self.shared.queue.lock().unwrap().len()
    }

    /// Spawn a task.
    pub fn spawn<F: FnOnce() + Send + 'static>(&self, f: F) {
        self.shared.queue.lock().unwrap().push_back(Box::new(f));
        self.shared.available.notify_one();
    }

    /// Spawn a task and get a handle to its result.
    pub fn spawn_with_handle<T: Send + 'static, F: FnOnce() -> T + Send + 'static>(&self, f: F) -> JoinHandle<T> {
        let (tx, rx) = mpsc::sync_channel(1);
        self.spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
        JoinHandle { rx }
    }

    /// Run `f` with a scope whose tasks may borrow from the caller.
    pub fn scope<'env, F: FnOnce(&Scope<'env>)>(&self, f: F) {
        let latch = Arc::new(Latch::new());
        let scope = Scope { pool: self, latch: latch.clone(), _p: std::marker::PhantomData };
        f(&scope);
        latch.wait();
    }

    /// Block until the queue is empty and no task is running.
    pub fn wait_idle(&self) {
        loop {
            if self.queued() == 0 && self.shared.active.load(Ordering::SeqCst) == 0 {
                return;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Default for ThreadPool {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.available.notify_all();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// Scope for borrowing tasks.
pub struct Scope<'env> {
    pool: &'env ThreadPool,
    latch: Arc<Latch>,
    _p: std::marker::PhantomData<&'env mut &'env ()>,
}

impl<'env> Scope<'env> {
    /// Spawn a task that may borrow from `'env`.
    pub fn spawn<F: FnOnce() + Send + 'env>(&self, f: F) {
        self.latch.increment();
        let latch = self.latch.clone();
        let job: Box<dyn FnOnce() + Send + 'env> = Box::new(move || {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            latch.decrement();
        });
        // SAFETY: `ThreadPool::scope` waits on the latch before returning, so
        // the borrowed environment outlives the job.
        let job: Job = unsafe { std::mem::transmute(job) };
        self.pool.shared.queue.lock().unwrap().push_back(job);
        self.pool.shared.available.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawn_and_join() {
        let p = ThreadPool::builder().threads(3).build();
        let hs: Vec<_> = (0..20).map(|i| p.spawn_with_handle(move || i * 2)).collect();
        let s: i32 = hs.into_iter().map(|h| h.join()).sum();
        assert_eq!(s, 380);
    }

    #[test]
    fn scope_borrows() {
        let p = ThreadPool::builder().threads(2).build();
        let mut data = vec![1, 2, 3, 4];
        let sum = AtomicUsize::new(0);
        p.scope(|s| {
            for x in &data {
                let sum = &sum;
                s.spawn(move || {
                    sum.fetch_add(*x, Ordering::Relaxed);
                });
            }
        });
        data.push(5);
        assert_eq!(sum.load(Ordering::Relaxed), 10);
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn panics_propagate() {
        let p = ThreadPool::builder().threads(1).build();
        p.spawn_with_handle(|| panic!("boom")).join();
    }

    #[test]
    fn drop_drains_queue() {
        let n = Arc::new(AtomicUsize::new(0));
        {
            let p = ThreadPool::builder().threads(2).build();
            for _ in 0..100 {
                let n = n.clone();
                p.spawn(move || {
                    n.fetch_add(1, Ordering::Relaxed);
                });
            }
            p.wait_idle();
        }
        assert_eq!(n.load(Ordering::Relaxed), 100);
    }
}
