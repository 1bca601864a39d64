//! A compact work-stealing thread pool.
//!
//! ```no_run
//! let pool = workpile::Builder::new().threads(4).build();
//! let (x, y) = pool.join(|| 1 + 1, || 2 + 2);
//! assert_eq!((x, y), (2, 4));
//! ```

mod digest;
mod idle;
mod wire;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Worker {
    local: Mutex<VecDeque<Job>>,
}

pub(crate) struct Shared {
    workers: Vec<Worker>,
    injector: Mutex<VecDeque<Job>>,
    signal: Condvar,
    sleepers: Mutex<usize>,
    pending: AtomicUsize,
    shutdown: AtomicBool,
    next: AtomicUsize,
}

impl Shared {
    fn push(&self, job: Job) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        let idx = self.next.fetch_add(1, Ordering::Relaxed) % self.workers.len();
        match self.workers[idx].local.try_lock() {
            Ok(mut q) => q.push_back(job),
            Err(_) => self.injector.lock().unwrap().push_back(job),
        }
        let sleepers = self.sleepers.lock().unwrap();
        if *sleepers > 0 {
            self.signal.notify_one();
        }
    }

    fn find_work(&self, me: usize) -> Option<Job> {
        if let Some(j) = self.workers[me].local.lock().unwrap().pop_back() {
            return Some(j);
        }
        if let Some(j) = self.injector.lock().unwrap().pop_front() {
            return Some(j);
        }
        let n = self.workers.len();
        for off in 1..n {
            let victim = (me + off) % n;
            if let Ok(mut q) = self.workers[victim].local.try_lock() {
                if let Some(j) = q.pop_front() {
                    return Some(j);
                }
            }
        }
        None
    }

    /// Number of jobs queued but not yet finished.
    pub(crate) fn backlog(&self) -> usize {
        self.pending.load(Ordering::Relaxed)
    }
}

/// Configures and builds a [`ThreadPool`].
#[derive(Debug, Clone)]
pub struct Builder {
    threads: Option<usize>,
    name: String,
    stack_size: Option<usize>,
    adaptive_spin: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// New builder with defaults (one thread per logical CPU).
    pub fn new() -> Self {
        Builder {
            threads: None,
            name: "workpile".to_string(),
            stack_size: None,
            adaptive_spin: true,
        }
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

    /// Enable or disable adaptive spin tuning (default: enabled).
    pub fn adaptive_spin(mut self, on: bool) -> Self {
        self.adaptive_spin = on;
        self
    }

    /// Build the pool and start its workers.
    pub fn build(self) -> ThreadPool {
        let n = self
            .threads
            .unwrap_or_else(|| thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
        let shared = Arc::new(Shared {
            workers: (0..n).map(|_| Worker { local: Mutex::new(VecDeque::new()) }).collect(),
            injector: Mutex::new(VecDeque::new()),
            signal: Condvar::new(),
            sleepers: Mutex::new(0),
            pending: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            next: AtomicUsize::new(0),
        });
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let sh = Arc::clone(&shared);
            let adaptive = self.adaptive_spin;
            let mut b = thread::Builder::new().name(format!("{}-{}", self.name, i));
            if let Some(sz) = self.stack_size {
                b = b.stack_size(sz);
            }
            handles.push(b.spawn(move || worker_loop(sh, i, adaptive)).expect("spawn worker"));
        }
        ThreadPool { shared, handles }
    }
}

fn worker_loop(sh: Arc<Shared>, me: usize, adaptive: bool) {
    let mut spin = idle::SpinPolicy::default();
    let mut idle_since: Option<Instant> = None;
    loop {
        if let Some(job) = sh.find_work(me) {
            idle_since = None;
            job();
            sh.pending.fetch_sub(1, Ordering::SeqCst);
            spin.record_hit();
            continue;
        }
        if sh.shutdown.load(Ordering::SeqCst) {
            return;
        }
        if spin.should_spin() {
            std::hint::spin_loop();
            continue;
        }
        let since = *idle_since.get_or_insert_with(Instant::now);
        if adaptive && since.elapsed() > idle::CALIBRATE_AFTER {
            idle::calibrate(&sh, me, &mut spin);
        }
        let mut sleepers = sh.sleepers.lock().unwrap();
        *sleepers += 1;
        let (guard, _) = sh
            .signal
            .wait_timeout(sleepers, Duration::from_millis(50))
            .unwrap();
        sleepers = guard;
        *sleepers -= 1;
    }
}

/// A work-stealing thread pool.
pub struct ThreadPool {
    shared: Arc<Shared>,
    handles: Vec<JoinHandle<()>>,
}

impl ThreadPool {
    /// Pool with default settings.
    pub fn new() -> Self {
        Builder::new().build()
    }

    /// Number of workers.
    pub fn threads(&self) -> usize {
        self.shared.workers.len()
    }

    /// Run `f` on the pool without waiting for it.
    pub fn spawn<F: FnOnce() + Send + 'static>(&self, f: F) {
        self.shared.push(Box::new(f));
    }

    /// Run `a` and `b` in parallel and return both results.
    pub fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send + 'static,
        B: FnOnce() -> RB + Send,
        RA: Send + 'static,
    {
        let slot: Arc<(Mutex<Option<RA>>, Condvar)> = Arc::new((Mutex::new(None), Condvar::new()));
        let s2 = Arc::clone(&slot);
        self.spawn(move || {
            let r = a();
            *s2.0.lock().unwrap() = Some(r);
            s2.1.notify_all();
        });
        let rb = b();
        let mut g = slot.0.lock().unwrap();
        while g.is_none() {
            g = slot.1.wait(g).unwrap();
        }
        (g.take().unwrap(), rb)
    }

    /// Block until all queued jobs have run.
    pub fn wait_idle(&self) {
        while self.shared.backlog() > 0 {
            thread::sleep(Duration::from_micros(200));
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
        self.shared.signal.notify_all();
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;

    #[test]
    fn join_returns_both() {
        let p = Builder::new().threads(2).adaptive_spin(false).build();
        assert_eq!(p.join(|| 3, || 4), (3, 4));
    }

    #[test]
    fn spawn_many() {
        let p = Builder::new().threads(4).adaptive_spin(false).build();
        let c = Arc::new(AtomicU64::new(0));
        for _ in 0..1000 {
            let c = Arc::clone(&c);
            p.spawn(move || {
                c.fetch_add(1, Ordering::Relaxed);
            });
        }
        p.wait_idle();
        assert_eq!(c.load(Ordering::Relaxed), 1000);
    }
}
