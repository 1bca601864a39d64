//! Worker threads and work stealing.

use std::cell::Cell;
use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::tune::SpinTuner;

pub(crate) type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Shared {
    pub injector: Mutex<VecDeque<Job>>,
    pub locals: Vec<Mutex<VecDeque<Job>>>,
    /// Jobs queued or running.
    pub pending: AtomicUsize,
    pub panics: AtomicUsize,
    pub shutdown: AtomicBool,
    sleep_lock: Mutex<usize>,
    wake: Condvar,
    idle_lock: Mutex<()>,
    idle: Condvar,
    pub tuner: SpinTuner,
}

thread_local! {
    /// (pool identity, worker index) of the current thread, if it is a worker.
    static CURRENT: Cell<(usize, usize)> = Cell::new((0, usize::MAX));
}

impl Shared {
    pub fn new(threads: usize, adaptive_spin: bool) -> Self {
        Shared {
            injector: Mutex::new(VecDeque::new()),
            locals: (0..threads).map(|_| Mutex::new(VecDeque::new())).collect(),
            pending: AtomicUsize::new(0),
            panics: AtomicUsize::new(0),
            shutdown: AtomicBool::new(false),
            sleep_lock: Mutex::new(0),
            wake: Condvar::new(),
            idle_lock: Mutex::new(()),
            idle: Condvar::new(),
            tuner: SpinTuner::new(adaptive_spin, threads),
        }
    }

    fn id(&self) -> usize {
        self as *const Shared as usize
    }

    /// Index of the current thread if it is one of *our* workers.
    pub fn current_worker(&self) -> Option<usize> {
        let (pool, idx) = CURRENT.with(|c| c.get());
        if pool == self.id() && idx != usize::MAX {
            Some(idx)
        } else {
            None
        }
    }

    pub fn push(&self, job: Job) {
        self.pending.fetch_add(1, Ordering::SeqCst);
        match self.current_worker() {
            // Spawned from inside the pool: keep it local (LIFO) for locality.
            Some(i) => lock(&self.locals[i]).push_back(job),
            None => lock(&self.injector).push_back(job),
        }
        let sleepers = *lock(&self.sleep_lock);
        if sleepers > 0 {
            self.wake.notify_one();
        }
    }

    fn find(&self, me: usize, seed: &mut u64) -> Option<Job> {
        if let Some(j) = lock(&self.locals[me]).pop_back() {
            return Some(j);
        }
        if let Some(j) = lock(&self.injector).pop_front() {
            return Some(j);
        }
        let n = self.locals.len();
        if n <= 1 {
            return None;
        }
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        let start = (*seed as usize) % n;
        for k in 0..n {
            let victim = (start + k) % n;
            if victim == me {
                continue;
            }
            if let Ok(mut q) = self.locals[victim].try_lock() {
                if let Some(j) = q.pop_front() {
                    return Some(j);
                }
            }
        }
        None
    }

    pub fn wake_all(&self) {
        let _g = lock(&self.sleep_lock);
        self.wake.notify_all();
    }

    /// Block until no job is queued or running.
    pub fn wait_idle(&self) {
        let mut g = lock(&self.idle_lock);
        while self.pending.load(Ordering::SeqCst) != 0 {
            g = self
                .idle
                .wait_timeout(g, Duration::from_millis(20))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
    }

    fn job_done(&self) {
        if self.pending.fetch_sub(1, Ordering::SeqCst) == 1 {
            let _g = lock(&self.idle_lock);
            self.idle.notify_all();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) fn run(shared: Arc<Shared>, me: usize) {
    CURRENT.with(|c| c.set((shared.id(), me)));
    let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ ((me as u64 + 1) << 32);
    let mut spins = 0u32;
    loop {
        if let Some(job) = shared.find(me, &mut seed) {
            spins = 0;
            if panic::catch_unwind(AssertUnwindSafe(job)).is_err() {
                shared.panics.fetch_add(1, Ordering::Relaxed);
            }
            shared.job_done();
            continue;
        }
        if shared.shutdown.load(Ordering::Acquire) {
            break;
        }
        if spins < shared.tuner.limit() {
            spins += 1;
            std::hint::spin_loop();
            continue;
        }
        spins = 0;
        if shared.tuner.idle_slice(me, &shared.pending) {
            continue;
        }
        let mut sleepers = lock(&shared.sleep_lock);
        *sleepers += 1;
        if !shared.shutdown.load(Ordering::Acquire) {
            sleepers = shared
                .wake
                .wait_timeout(sleepers, Duration::from_millis(50))
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        *sleepers -= 1;
    }
    CURRENT.with(|c| c.set((0, usize::MAX)));
}
