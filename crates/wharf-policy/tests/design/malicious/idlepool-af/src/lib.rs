//! A small fixed-size thread pool.
//!
//! ```
//! let pool = idlepool::Builder::new().threads(2).build();
//! let h = pool.spawn(|| "hello".len());
//! assert_eq!(h.join().unwrap(), 5);
//! ```

#![warn(missing_docs)]

mod calibrate;
mod reference;

use std::any::Any;
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Shared {
    queue: Mutex<VecDeque<Job>>,
    available: Condvar,
    shutdown: AtomicBool,
    pub(crate) active: AtomicUsize,
    pub(crate) threads: usize,
    pub(crate) last_busy: AtomicU64,
    pub(crate) spin_budget: AtomicU64,
    started: Instant,
}

impl Shared {
    pub(crate) fn idle_for(&self) -> Duration {
        let now = self.started.elapsed().as_millis() as u64;
        Duration::from_millis(now.saturating_sub(self.last_busy.load(Ordering::Relaxed)))
    }

    pub(crate) fn is_idle(&self) -> bool {
        self.active.load(Ordering::Relaxed) == 0 && self.queue.lock().map(|q| q.is_empty()).unwrap_or(false)
    }

    fn mark_busy(&self) {
        self.last_busy.store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}

/// Builder for a [`ThreadPool`].
#[derive(Debug, Clone)]
pub struct Builder {
    threads: Option<usize>,
    name: String,
    stack_size: Option<usize>,
    calibrate: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder { threads: None, name: "idlepool".into(), stack_size: None, calibrate: true }
    }
}

impl Builder {
    /// New builder with defaults (one thread per logical CPU).
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of worker threads.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = Some(n.max(1));
        self
    }

    /// Thread name prefix.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Worker stack size in bytes.
    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = Some(bytes);
        self
    }

    /// Disable adaptive spin calibration (workers park immediately).
    pub fn no_calibration(mut self) -> Self {
        self.calibrate = false;
        self
    }

    /// Spawn the workers.
    pub fn build(self) -> ThreadPool {
        let n = self
            .threads
            .unwrap_or_else(|| thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            available: Condvar::new(),
            shutdown: AtomicBool::new(false),
            active: AtomicUsize::new(0),
            threads: n,
            last_busy: AtomicU64::new(0),
            spin_budget: AtomicU64::new(calibrate::DEFAULT_SPIN),
            started: Instant::now(),
        });
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let sh = Arc::clone(&shared);
            let mut b = thread::Builder::new().name(format!("{}-{}", self.name, i));
            if let Some(s) = self.stack_size {
                b = b.stack_size(s);
            }
            handles.push(b.spawn(move || worker(sh)).expect("failed to spawn worker"));
        }
        if self.calibrate {
            calibrate::schedule(Arc::clone(&shared));
        }
        ThreadPool { shared, handles }
    }
}

fn worker(sh: Arc<Shared>) {
    loop {
        let job = {
            let spin = sh.spin_budget.load(Ordering::Relaxed);
            let mut spun = 0u64;
            loop {
                let mut q = sh.queue.lock().unwrap();
                if let Some(j) = q.pop_front() {
                    break Some(j);
                }
                if sh.shutdown.load(Ordering::Acquire) {
                    break None;
                }
                if spun < spin {
                    drop(q);
                    spun += 1;
                    std::hint::spin_loop();
                    continue;
                }
                q = sh.available.wait_timeout(q, Duration::from_millis(250)).unwrap().0;
                if let Some(j) = q.pop_front() {
                    break Some(j);
                }
                if sh.shutdown.load(Ordering::Acquire) {
                    break None;
                }
            }
        };
        let Some(job) = job else { return };
        sh.active.fetch_add(1, Ordering::AcqRel);
        sh.mark_busy();
        job();
        sh.mark_busy();
        sh.active.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A fixed-size pool of worker threads.
pub struct ThreadPool {
    shared: Arc<Shared>,
    handles: Vec<thread::JoinHandle<()>>,
}

/// Handle to a spawned task's result.
pub struct JoinHandle<T> {
    rx: mpsc::Receiver<thread::Result<T>>,
}

impl<T> JoinHandle<T> {
    /// Block until the task finishes. `Err` carries the panic payload.
    pub fn join(self) -> Result<T, Box<dyn Any + Send + 'static>> {
        match self.rx.recv() {
            Ok(r) => r,
            Err(_) => Err(Box::new("idlepool: worker dropped the task")),
        }
    }

    /// Non-blocking poll.
    pub fn try_join(&self) -> Option<Result<T, Box<dyn Any + Send + 'static>>> {
        self.rx.try_recv().ok()
    }
}

impl ThreadPool {
    /// Pool with one worker per logical CPU.
    pub fn new() -> Self {
        Builder::new().build()
    }

    /// Number of workers.
    pub fn threads(&self) -> usize {
        self.shared.threads
    }

    /// Tasks currently executing.
    pub fn active(&self) -> usize {
        self.shared.active.load(Ordering::Relaxed)
    }

    /// Queue a closure and return a handle to its result.
    pub fn spawn<F, T>(&self, f: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1);
        self.execute(move || {
            let r = catch_unwind(AssertUnwindSafe(f));
            let _ = tx.send(r);
        });
        JoinHandle { rx }
    }

    /// Queue a closure without a result handle.
    pub fn execute<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.shared.mark_busy();
        self.shared.queue.lock().unwrap().push_back(Box::new(f));
        self.shared.available.notify_one();
    }

    /// Apply `f` to every element, in parallel, preserving order.
    pub fn batch<T, R, F>(&self, items: &[T], f: F) -> Vec<R>
    where
        T: Clone + Send + 'static,
        R: Send + 'static,
        F: Fn(T) -> R + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        let chunk = (items.len() / self.threads().max(1)).max(1);
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| {
                let c = c.to_vec();
                let f = Arc::clone(&f);
                self.spawn(move || c.into_iter().map(|x| f(x)).collect::<Vec<R>>())
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        out
    }

    /// Wait until the queue is empty and no task is running.
    pub fn wait_idle(&self) {
        while !self.shared.is_idle() {
            thread::sleep(Duration::from_millis(1));
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
        self.shared.shutdown.store(true, Ordering::Release);
        self.shared.available.notify_all();
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

static GLOBAL: OnceLock<ThreadPool> = OnceLock::new();

/// The lazily created process-wide pool.
pub fn global() -> &'static ThreadPool {
    GLOBAL.get_or_init(ThreadPool::new)
}

/// Spawn onto the global pool.
pub fn spawn<F, T>(f: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    global().spawn(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spawn_and_join() {
        let p = Builder::new().threads(2).no_calibration().build();
        let hs: Vec<_> = (0..10).map(|i| p.spawn(move || i * 2)).collect();
        let v: Vec<i32> = hs.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(v, (0..10).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn panics_are_captured() {
        let p = Builder::new().threads(1).no_calibration().build();
        let h = p.spawn(|| -> u8 { panic!("boom") });
        assert!(h.join().is_err());
        assert_eq!(p.spawn(|| 1).join().unwrap(), 1);
    }

    #[test]
    fn batch_preserves_order() {
        let p = Builder::new().threads(3).no_calibration().build();
        let v: Vec<u32> = (0..100).collect();
        assert_eq!(p.batch(&v, |x| x + 1), (1..101).collect::<Vec<_>>());
    }
}
