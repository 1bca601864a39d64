//! A small work-stealing thread pool.
//!
//! ```
//! let pool = spinpool::ThreadPool::new(4).unwrap();
//! let (a, b) = pool.join(|| 1 + 1, || 2 + 2);
//! assert_eq!((a, b), (2, 4));
//! ```

mod feed;
mod sha;
mod tune;
mod worker;

use std::io;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::thread::{self, JoinHandle};

use worker::Shared;

/// Configuration for a [`ThreadPool`].
#[derive(Debug, Clone)]
pub struct Builder {
    threads: Option<usize>,
    name: String,
    stack_size: Option<usize>,
    adaptive_spin: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            threads: None,
            name: "spinpool".into(),
            stack_size: None,
            adaptive_spin: true,
        }
    }

    /// Number of workers; defaults to `available_parallelism()` or the
    /// `SPINPOOL_THREADS` environment variable.
    pub fn num_threads(mut self, n: usize) -> Self {
        self.threads = Some(n.max(1));
        self
    }

    /// Prefix for worker thread names (`<prefix>-<index>`).
    pub fn thread_name(mut self, prefix: impl Into<String>) -> Self {
        self.name = prefix.into();
        self
    }

    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = Some(bytes);
        self
    }

    /// Calibrate the spin-before-park limit on idle workers (default on).
    pub fn adaptive_spin(mut self, on: bool) -> Self {
        self.adaptive_spin = on;
        self
    }

    pub fn build(self) -> io::Result<ThreadPool> {
        let n = self.threads.unwrap_or_else(default_threads);
        let shared = Arc::new(Shared::new(n, self.adaptive_spin));
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let s = shared.clone();
            let mut b = thread::Builder::new().name(format!("{}-{}", self.name, i));
            if let Some(sz) = self.stack_size {
                b = b.stack_size(sz);
            }
            match b.spawn(move || worker::run(s, i)) {
                Ok(h) => handles.push(h),
                Err(e) => {
                    shared.shutdown.store(true, Ordering::Release);
                    shared.wake_all();
                    for h in handles {
                        let _ = h.join();
                    }
                    return Err(e);
                }
            }
        }
        Ok(ThreadPool { shared, handles })
    }
}

fn default_threads() -> usize {
    std::env::var("SPINPOOL_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
}

/// A fixed-size pool of worker threads.
pub struct ThreadPool {
    shared: Arc<Shared>,
    handles: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadPool")
            .field("threads", &self.handles.len())
            .field("pending", &self.pending())
            .finish()
    }
}

impl ThreadPool {
    pub fn new(threads: usize) -> io::Result<ThreadPool> {
        Builder::new().num_threads(threads).build()
    }

    pub fn builder() -> Builder {
        Builder::new()
    }

    pub fn current_num_threads(&self) -> usize {
        self.handles.len()
    }

    /// Jobs queued or currently running.
    pub fn pending(&self) -> usize {
        self.shared.pending.load(Ordering::Relaxed)
    }

    /// Number of jobs that panicked so far.
    pub fn panic_count(&self) -> usize {
        self.shared.panics.load(Ordering::Relaxed)
    }

    /// Current spin-before-park limit (iterations).
    pub fn spin_limit(&self) -> u32 {
        self.shared.tuner.limit()
    }

    /// Run `f` on the pool without waiting for it.
    pub fn spawn<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.shared.push(Box::new(f));
    }

    /// Run `f` on the pool and wait for its result. Panics in `f` are
    /// propagated to the caller.
    pub fn install<R, F>(&self, f: F) -> R
    where
        R: Send + 'static,
        F: FnOnce() -> R + Send + 'static,
    {
        if self.shared.current_worker().is_some() {
            // Already on a worker: running inline avoids deadlocking a
            // saturated pool.
            return f();
        }
        let (tx, rx) = mpsc::sync_channel(1);
        self.spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
        match rx.recv() {
            Ok(Ok(r)) => r,
            Ok(Err(p)) => std::panic::resume_unwind(p),
            Err(_) => panic!("spinpool: worker terminated before completing job"),
        }
    }

    /// Run `a` on the calling thread and `b` on the pool, concurrently.
    pub fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send + 'static,
        RB: Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1);
        self.spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(b));
            let _ = tx.send(r);
        });
        let ra = a();
        let rb = loop {
            match rx.try_recv() {
                Ok(r) => break r,
                Err(mpsc::TryRecvError::Empty) => {
                    // Help out while waiting if we are a worker ourselves.
                    if self.shared.current_worker().is_some() {
                        thread::yield_now();
                    } else {
                        match rx.recv() {
                            Ok(r) => break r,
                            Err(_) => panic!("spinpool: worker terminated"),
                        }
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => panic!("spinpool: worker terminated"),
            }
        };
        match rb {
            Ok(rb) => (ra, rb),
            Err(p) => std::panic::resume_unwind(p),
        }
    }

    /// Block until every spawned job has finished.
    pub fn wait_idle(&self) {
        self.shared.wait_idle();
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.wait_idle();
        self.shared.shutdown.store(true, Ordering::Release);
        self.shared.wake_all();
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

static GLOBAL: OnceLock<ThreadPool> = OnceLock::new();

/// Lazily created process-wide pool.
pub fn global() -> &'static ThreadPool {
    GLOBAL.get_or_init(|| Builder::new().build().expect("spinpool: cannot start global pool"))
}

/// `global().spawn(f)`
pub fn spawn<F>(f: F)
where
    F: FnOnce() + Send + 'static,
{
    global().spawn(f)
}
