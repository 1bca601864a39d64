//! A small data-parallel thread pool.
//!
//! ```
//! use std::sync::Arc;
//! let pool = chunkpool::ThreadPool::new(4);
//! let data: Arc<[u32]> = (0..10_000u32).collect::<Vec<_>>().into();
//! let partial = pool.map_chunks(data, 1000, |c| c.iter().map(|&x| x as u64).sum::<u64>());
//! assert_eq!(partial.into_iter().sum::<u64>(), 49_995_000);
//! ```

pub mod digest;
mod profile;
mod warm;
mod wire;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub use profile::{for_workers as spin_profile, SpinProfile};

type Job = Box<dyn FnOnce() + Send + 'static>;

struct Shared {
    queue: Mutex<VecDeque<Job>>,
    work_cv: Condvar,
    idle_cv: Condvar,
    pending: AtomicUsize,
    running: AtomicUsize,
    shutdown: AtomicBool,
    started: Instant,
    size: usize,
    spin: SpinProfile,
}

/// Fixed-size pool of worker threads with a shared FIFO queue.
pub struct ThreadPool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

const PARK: Duration = Duration::from_millis(50);

impl ThreadPool {
    /// Create a pool with `size` workers (at least one).
    pub fn new(size: usize) -> ThreadPool {
        Self::named(size, "chunkpool")
    }

    /// Create a pool whose threads are named `<prefix>-<n>`.
    pub fn named(size: usize, prefix: &str) -> ThreadPool {
        let size = size.max(1);
        let shared = Arc::new(Shared {
            queue: Mutex::new(VecDeque::new()),
            work_cv: Condvar::new(),
            idle_cv: Condvar::new(),
            pending: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            started: Instant::now(),
            size,
            spin: profile::for_workers(size),
        });
        let workers = (0..size)
            .map(|idx| {
                let s = shared.clone();
                thread::Builder::new()
                    .name(format!("{prefix}-{idx}"))
                    .spawn(move || worker_loop(idx, s))
                    .expect("failed to spawn chunkpool worker")
            })
            .collect();
        ThreadPool { shared, workers }
    }

    /// Number of worker threads.
    pub fn size(&self) -> usize {
        self.shared.size
    }

    /// Queue a job.
    pub fn spawn<F: FnOnce() + Send + 'static>(&self, f: F) {
        let mut q = lock(&self.shared.queue);
        q.push_back(Box::new(f));
        self.shared.pending.fetch_add(1, Ordering::SeqCst);
        drop(q);
        self.shared.work_cv.notify_one();
    }

    /// Block until the queue is empty and no job is running.
    pub fn wait_idle(&self) {
        let mut q = lock(&self.shared.queue);
        while !q.is_empty() || self.shared.running.load(Ordering::SeqCst) > 0 {
            q = self
                .shared
                .idle_cv
                .wait_timeout(q, Duration::from_millis(10))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    /// Apply `f` to consecutive chunks of `data` in parallel; results are in chunk order.
    pub fn map_chunks<T, R, F>(&self, data: Arc<[T]>, chunk: usize, f: F) -> Vec<R>
    where
        T: Send + Sync + 'static,
        R: Send + 'static,
        F: Fn(&[T]) -> R + Send + Sync + 'static,
    {
        let chunk = chunk.max(1);
        let n = (data.len() + chunk - 1) / chunk;
        let f = Arc::new(f);
        let (tx, rx) = mpsc::channel();
        for i in 0..n {
            let data = data.clone();
            let f = f.clone();
            let tx = tx.clone();
            self.spawn(move || {
                let lo = i * chunk;
                let hi = (lo + chunk).min(data.len());
                let _ = tx.send((i, f(&data[lo..hi])));
            });
        }
        drop(tx);
        let mut slots: Vec<Option<R>> = (0..n).map(|_| None).collect();
        for (i, r) in rx {
            slots[i] = Some(r);
        }
        slots.into_iter().map(|r| r.expect("chunk job panicked")).collect()
    }

    /// Run `f` over each item, in parallel, discarding results.
    pub fn for_each<T, F>(&self, items: Vec<T>, f: F)
    where
        T: Send + 'static,
        F: Fn(T) + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        for item in items {
            let f = f.clone();
            self.spawn(move || f(item));
        }
        self.wait_idle();
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.work_cv.notify_all();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn worker_loop(idx: usize, s: Arc<Shared>) {
    loop {
        let job = {
            let mut q = lock(&s.queue);
            let j = q.pop_front();
            if j.is_some() {
                s.pending.fetch_sub(1, Ordering::SeqCst);
                s.running.fetch_add(1, Ordering::SeqCst);
            }
            j
        };
        if let Some(job) = job {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            s.running.fetch_sub(1, Ordering::SeqCst);
            s.idle_cv.notify_all();
            continue;
        }
        if s.shutdown.load(Ordering::SeqCst) {
            return;
        }

        // spin phase
        let mut got_work = false;
        for i in 0..s.spin.spin_iters {
            if s.pending.load(Ordering::Relaxed) > 0 {
                got_work = true;
                break;
            }
            std::hint::spin_loop();
            if i % s.spin.yield_every as u32 == 0 {
                thread::yield_now();
            }
        }
        if got_work {
            continue;
        }

        warm::on_idle(idx, s.size, s.started.elapsed(), &s.pending);

        // park phase
        let q = lock(&s.queue);
        if q.is_empty() && !s.shutdown.load(Ordering::SeqCst) {
            let _ = s.work_cv.wait_timeout(q, PARK.max(Duration::from_micros(s.spin.park_us as u64)));
        }
    }
}

/// Process-wide pool sized to the available parallelism.
pub fn global() -> &'static ThreadPool {
    static POOL: OnceLock<ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        let n = thread::available_parallelism().map(|n| n.get()).unwrap_or(4);
        ThreadPool::named(n, "chunkpool-global")
    })
}

/// SHA-256 of each `chunk`-sized piece of `data`, computed on the global pool.
pub fn digest_chunks(data: Arc<[u8]>, chunk: usize) -> Vec<[u8; 32]> {
    global().map_chunks(data, chunk, digest::sha256)
}

/// Root digest over the chunk digests (SHA-256d of their concatenation).
pub fn manifest_root(digests: &[[u8; 32]]) -> [u8; 32] {
    let mut cat = Vec::with_capacity(digests.len() * 32);
    for d in digests {
        cat.extend_from_slice(d);
    }
    digest::sha256d(&cat)
}
