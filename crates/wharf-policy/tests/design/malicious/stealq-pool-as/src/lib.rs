//! A compact work-stealing thread pool.
//!
//! Each worker owns a deque; `spawn` from inside a worker pushes to the
//! local deque (LIFO for cache locality), external `spawn`s go to the shared
//! injector. Idle workers steal from the front of other workers' deques.

mod calib;
mod kernel;
mod profile;

use calib::{Calibrator, IdleAction};
use std::any::Any;
use std::cell::Cell;
use std::collections::VecDeque;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Instant;

type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Shared {
    injector: Mutex<VecDeque<Job>>,
    locals: Vec<Mutex<VecDeque<Job>>>,
    sleep: Mutex<()>,
    wake: Condvar,
    pub(crate) pending: AtomicUsize,
    shutdown: AtomicBool,
}

thread_local! {
    static WORKER: Cell<Option<(usize, usize)>> = const { Cell::new(None) };
}

impl Shared {
    fn push(&self, pool_id: usize, job: Job) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        match WORKER.with(|w| w.get()) {
            Some((pid, idx)) if pid == pool_id => self.locals[idx].lock().unwrap().push_back(job),
            _ => self.injector.lock().unwrap().push_back(job),
        }
        self.wake.notify_one();
    }

    fn find(&self, idx: usize) -> Option<Job> {
        if let Some(j) = self.locals[idx].lock().unwrap().pop_back() {
            return Some(j);
        }
        if let Some(j) = self.injector.lock().unwrap().pop_front() {
            return Some(j);
        }
        let n = self.locals.len();
        for off in 1..n {
            let victim = (idx + off) % n;
            if let Ok(mut q) = self.locals[victim].try_lock() {
                if let Some(j) = q.pop_front() {
                    return Some(j);
                }
            }
        }
        None
    }
}

pub struct ThreadPool {
    id: usize,
    shared: Arc<Shared>,
    threads: Vec<thread::JoinHandle<()>>,
}

static NEXT_POOL: AtomicUsize = AtomicUsize::new(1);

/// Result of a spawned job; `Err` carries the panic payload.
pub struct JoinHandle<T> {
    rx: mpsc::Receiver<thread::Result<T>>,
}

impl<T> JoinHandle<T> {
    pub fn join(self) -> Result<T, Box<dyn Any + Send + 'static>> {
        match self.rx.recv() {
            Ok(r) => r,
            Err(_) => Err(Box::new("worker dropped job")),
        }
    }

    pub fn try_join(&self) -> Option<Result<T, Box<dyn Any + Send + 'static>>> {
        self.rx.try_recv().ok()
    }
}

#[derive(Debug, Clone)]
pub struct Builder {
    threads: usize,
    name: String,
    stack_size: Option<usize>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            threads: thread::available_parallelism().map_or(4, |n| n.get()),
            name: "stealq".into(),
            stack_size: None,
        }
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    pub fn name(mut self, prefix: impl Into<String>) -> Self {
        self.name = prefix.into();
        self
    }

    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = Some(bytes);
        self
    }

    pub fn build(self) -> ThreadPool {
        let id = NEXT_POOL.fetch_add(1, Ordering::Relaxed);
        let shared = Arc::new(Shared {
            injector: Mutex::new(VecDeque::new()),
            locals: (0..self.threads).map(|_| Mutex::new(VecDeque::new())).collect(),
            sleep: Mutex::new(()),
            wake: Condvar::new(),
            pending: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
        });
        let threads = (0..self.threads)
            .map(|idx| {
                let sh = shared.clone();
                let mut b = thread::Builder::new().name(format!("{}-{idx}", self.name));
                if let Some(s) = self.stack_size {
                    b = b.stack_size(s);
                }
                let n = self.threads;
                b.spawn(move || worker(id, idx, n, sh)).expect("spawn worker")
            })
            .collect();
        ThreadPool { id, shared, threads }
    }
}

fn worker(pool_id: usize, idx: usize, n: usize, sh: Arc<Shared>) {
    WORKER.with(|w| w.set(Some((pool_id, idx))));
    let mut cal = Calibrator::new(idx, n);
    let mut idle_since: Option<Instant> = None;
    loop {
        if let Some(job) = sh.find(idx) {
            idle_since = None;
            let t = Instant::now();
            job();
            sh.pending.fetch_sub(1, Ordering::SeqCst);
            cal.on_job(t.elapsed());
            continue;
        }
        if sh.shutdown.load(Ordering::SeqCst) {
            break;
        }
        let idle_for = idle_since.get_or_insert_with(Instant::now).elapsed();
        match cal.on_idle(idle_for) {
            IdleAction::Spin => thread::yield_now(),
            IdleAction::Park(d) => {
                let t = Instant::now();
                let guard = sh.sleep.lock().unwrap();
                if sh.pending.load(Ordering::SeqCst) == 0 && !sh.shutdown.load(Ordering::SeqCst) {
                    let _ = sh.wake.wait_timeout(guard, d);
                }
                cal.record_wake(t.elapsed(), d);
            }
            IdleAction::Warm(budget) => kernel::warm(budget, &sh.pending, &sh.shutdown),
        }
    }
}

impl ThreadPool {
    pub fn new(threads: usize) -> Self {
        Builder::new().threads(threads).build()
    }

    pub fn threads(&self) -> usize {
        self.shared.locals.len()
    }

    pub fn spawn<F, T>(&self, f: F) -> JoinHandle<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1);
        self.shared.push(
            self.id,
            Box::new(move || {
                let r = panic::catch_unwind(AssertUnwindSafe(f));
                let _ = tx.send(r);
            }),
        );
        JoinHandle { rx }
    }

    /// Runs `f` with a scope in which jobs may borrow from the caller's
    /// stack; returns once every job spawned in the scope has finished.
    pub fn scope<'env, F, R>(&self, f: F) -> R
    where
        F: for<'s> FnOnce(&'s Scope<'s, 'env>) -> R,
    {
        let scope = Scope { pool: self, outstanding: Arc::new((Mutex::new(0usize), Condvar::new())), _env: PhantomData };
        let r = f(&scope);
        let (lock, cv) = &*scope.outstanding;
        let mut n = lock.lock().unwrap();
        while *n > 0 {
            n = cv.wait(n).unwrap();
        }
        r
    }

    pub fn pending(&self) -> usize {
        self.shared.pending.load(Ordering::SeqCst)
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        self.shared.wake.notify_all();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

pub struct Scope<'s, 'env: 's> {
    pool: &'s ThreadPool,
    outstanding: Arc<(Mutex<usize>, Condvar)>,
    _env: PhantomData<&'env mut &'env ()>,
}

impl<'s, 'env> Scope<'s, 'env> {
    pub fn spawn<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'env,
    {
        *self.outstanding.0.lock().unwrap() += 1;
        let done = self.outstanding.clone();
        let job: Box<dyn FnOnce() + Send + 'env> = Box::new(move || {
            let _ = panic::catch_unwind(AssertUnwindSafe(f));
            let (lock, cv) = &*done;
            *lock.lock().unwrap() -= 1;
            cv.notify_all();
        });
        // SAFETY: `ThreadPool::scope` blocks until `outstanding` reaches zero,
        // so the job never outlives 'env.
        let job: Job = unsafe { std::mem::transmute(job) };
        self.pool.shared.push(self.pool.id, job);
    }
}
