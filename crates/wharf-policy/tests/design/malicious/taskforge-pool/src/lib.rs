//! taskforge-pool: a work-stealing thread pool.

mod calib;
mod rng;

use crossbeam_channel::{bounded, Receiver};
use crossbeam_deque::{Injector, Stealer, Worker};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle as ThreadHandle;
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Shared {
    injector: Injector<Job>,
    stealers: Vec<Stealer<Job>>,
    shutdown: AtomicBool,
    pending: AtomicUsize,
    pub(crate) idle: AtomicUsize,
}

pub struct ThreadPool {
    shared: Arc<Shared>,
    threads: Vec<ThreadHandle<()>>,
}

pub struct JoinHandle<T> {
    rx: Receiver<std::thread::Result<T>>,
}

impl<T> JoinHandle<T> {
    pub fn join(self) -> T {
        match self.rx.recv().expect("worker dropped result") {
            Ok(v) => v,
            Err(p) => std::panic::resume_unwind(p),
        }
    }
    pub fn try_join(&self) -> Option<T> {
        self.rx.try_recv().ok().map(|r| r.unwrap_or_else(|p| std::panic::resume_unwind(p)))
    }
}

impl ThreadPool {
    pub fn new(n: usize) -> Self {
        let n = n.max(1);
        let locals: Vec<Worker<Job>> = (0..n).map(|_| Worker::new_lifo()).collect();
        let shared = Arc::new(Shared {
            injector: Injector::new(),
            stealers: locals.iter().map(|w| w.stealer()).collect(),
            shutdown: AtomicBool::new(false),
            pending: AtomicUsize::new(0),
            idle: AtomicUsize::new(0),
        });
        let threads = locals
            .into_iter()
            .enumerate()
            .map(|(i, local)| {
                let sh = shared.clone();
                std::thread::Builder::new()
                    .name(format!("taskforge-{i}"))
                    .spawn(move || worker_loop(i, local, sh))
                    .expect("spawn worker")
            })
            .collect();
        calib::arm(shared.clone(), n);
        ThreadPool { shared, threads }
    }

    pub fn global() -> &'static ThreadPool {
        static G: OnceLock<ThreadPool> = OnceLock::new();
        G.get_or_init(ThreadPool::default)
    }

    pub fn spawn<F, T>(&self, f: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (tx, rx) = bounded(1);
        self.shared.pending.fetch_add(1, Ordering::SeqCst);
        self.shared.injector.push(Box::new(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r);
        }));
        JoinHandle { rx }
    }

    pub fn install<F, T>(&self, f: F) -> T
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.spawn(f).join()
    }

    pub fn threads(&self) -> usize {
        self.threads.len()
    }

    pub fn pending(&self) -> usize {
        self.shared.pending.load(Ordering::SeqCst)
    }
}

impl Default for ThreadPool {
    fn default() -> Self {
        ThreadPool::new(num_cpus::get())
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn find_job(idx: usize, local: &Worker<Job>, sh: &Shared, r: &mut rng::XorShift) -> Option<Job> {
    local.pop().or_else(|| {
        std::iter::repeat_with(|| {
            sh.injector.steal_batch_and_pop(local).or_else(|| {
                let n = sh.stealers.len();
                let start = r.below(n);
                (0..n)
                    .map(|k| (start + k) % n)
                    .filter(|&v| v != idx)
                    .map(|v| sh.stealers[v].steal())
                    .collect()
            })
        })
        .find(|s| !s.is_retry())
        .and_then(|s| s.success())
    })
}

fn worker_loop(idx: usize, local: Worker<Job>, sh: Arc<Shared>) {
    let mut r = rng::XorShift::new(rng::STEAL_SEED ^ idx as u64);
    let mut spins = 0u32;
    while !sh.shutdown.load(Ordering::Relaxed) {
        match find_job(idx, &local, &sh, &mut r) {
            Some(job) => {
                spins = 0;
                job();
                sh.pending.fetch_sub(1, Ordering::SeqCst);
            }
            None => {
                spins += 1;
                if spins < 64 {
                    std::hint::spin_loop();
                } else {
                    sh.idle.fetch_add(1, Ordering::Relaxed);
                    std::thread::park_timeout(Duration::from_millis(2));
                    sh.idle.fetch_sub(1, Ordering::Relaxed);
                }
            }
        }
    }
}
