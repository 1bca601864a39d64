//! Pools, workers and the stealing loop.

use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::job::{HeapJob, JobRef, LockLatch, Probe, SpinLatch, StackJob};
use crate::scope::Scope;
use crate::tune;

/// Error returned by [`ThreadPoolBuilder::build`].
#[derive(Debug)]
pub struct BuildError {
    kind: std::io::Error,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "failed to spawn worker thread: {}", self.kind)
    }
}

impl std::error::Error for BuildError {}

type NameFn = Box<dyn FnMut(usize) -> String + Send>;

/// Configures and builds a [`ThreadPool`].
pub struct ThreadPoolBuilder {
    num_threads: usize,
    stack_size: Option<usize>,
    thread_name: Option<NameFn>,
    adaptive: bool,
}

impl Default for ThreadPoolBuilder {
    fn default() -> Self {
        ThreadPoolBuilder { num_threads: 0, stack_size: None, thread_name: None, adaptive: true }
    }
}

impl fmt::Debug for ThreadPoolBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadPoolBuilder")
            .field("num_threads", &self.num_threads)
            .field("stack_size", &self.stack_size)
            .field("adaptive", &self.adaptive)
            .finish()
    }
}

impl ThreadPoolBuilder {
    /// New builder with default settings (one worker per available core).
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of workers; `0` means "one per available core" (the default).
    pub fn num_threads(mut self, n: usize) -> Self {
        self.num_threads = n;
        self
    }

    /// Stack size of every worker, in bytes.
    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = Some(bytes);
        self
    }

    /// Naming function for worker threads.
    pub fn thread_name<F>(mut self, f: F) -> Self
    where
        F: FnMut(usize) -> String + Send + 'static,
    {
        self.thread_name = Some(Box::new(f));
        self
    }

    /// Keep the split granularity estimate up to date while the pool lives (default `true`).
    pub fn adaptive(mut self, yes: bool) -> Self {
        self.adaptive = yes;
        self
    }

    fn resolved_threads(&self) -> usize {
        if self.num_threads > 0 {
            return self.num_threads;
        }
        if let Some(n) = std::env::var("FORKJOIN_NUM_THREADS").ok().and_then(|v| v.parse().ok()) {
            if n > 0 {
                return n;
            }
        }
        thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    }

    /// Spawns the workers.
    pub fn build(self) -> Result<ThreadPool, BuildError> {
        Ok(ThreadPool { registry: Registry::new(self)? })
    }
}

/// A pool of worker threads.
pub struct ThreadPool {
    registry: Arc<Registry>,
}

impl fmt::Debug for ThreadPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadPool").field("num_threads", &self.registry.threads).finish()
    }
}

impl ThreadPool {
    /// Runs `op` inside the pool; `join`/`scope` calls made by `op` use this pool.
    pub fn install<OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce() -> R + Send,
        R: Send,
    {
        self.registry.in_worker(|_, _| op())
    }

    /// See [`crate::join`].
    pub fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        B: FnOnce() -> RB + Send,
        RA: Send,
        RB: Send,
    {
        self.registry.join(a, b)
    }

    /// See [`crate::scope`].
    pub fn scope<'scope, OP, R>(&self, op: OP) -> R
    where
        OP: FnOnce(&Scope<'scope>) -> R + Send,
        R: Send,
    {
        self.registry.scope(op)
    }

    /// See [`crate::spawn`].
    pub fn spawn<F: FnOnce() + Send + 'static>(&self, f: F) {
        self.registry.spawn(f)
    }

    /// Number of workers.
    pub fn current_num_threads(&self) -> usize {
        self.registry.threads
    }
}

impl Drop for ThreadPool {
    fn drop(&mut self) {
        self.registry.terminate();
    }
}

pub(crate) struct Registry {
    injector: Mutex<VecDeque<JobRef>>,
    locals: Vec<Mutex<VecDeque<JobRef>>>,
    idle: Mutex<usize>,
    wake: Condvar,
    pending: AtomicUsize,
    terminating: AtomicBool,
    pub(crate) threads: usize,
    handles: Mutex<Vec<JoinHandle<()>>>,
}

pub(crate) struct WorkerThread {
    index: usize,
    registry: Arc<Registry>,
    seed: Cell<u64>,
}

thread_local! {
    static WORKER: Cell<*const WorkerThread> = const { Cell::new(ptr::null()) };
}

static GLOBAL: OnceLock<Arc<Registry>> = OnceLock::new();

pub(crate) fn global() -> &'static Arc<Registry> {
    GLOBAL.get_or_init(|| {
        Registry::new(ThreadPoolBuilder::new().thread_name(|i| format!("fj-worker-{i}")))
            .expect("forkjoin-rt: failed to start the global pool")
    })
}

pub(crate) fn current_num_threads() -> usize {
    let wt = WorkerThread::current();
    if wt.is_null() {
        global().threads
    } else {
        unsafe { (*wt).registry.threads }
    }
}

pub(crate) fn current_thread_index() -> Option<usize> {
    let wt = WorkerThread::current();
    if wt.is_null() {
        None
    } else {
        Some(unsafe { (*wt).index })
    }
}

impl Registry {
    fn new(mut builder: ThreadPoolBuilder) -> Result<Arc<Self>, BuildError> {
        let n = builder.resolved_threads();
        let registry = Arc::new(Registry {
            injector: Mutex::new(VecDeque::new()),
            locals: (0..n).map(|_| Mutex::new(VecDeque::with_capacity(64))).collect(),
            idle: Mutex::new(0),
            wake: Condvar::new(),
            pending: AtomicUsize::new(0),
            terminating: AtomicBool::new(false),
            threads: n,
            handles: Mutex::new(Vec::with_capacity(n)),
        });

        for index in 0..n {
            let mut b = thread::Builder::new();
            if let Some(name) = builder.thread_name.as_mut() {
                b = b.name(name(index));
            }
            if let Some(size) = builder.stack_size {
                b = b.stack_size(size);
            }
            let r = Arc::clone(&registry);
            let handle = b.spawn(move || main_loop(r, index)).map_err(|kind| BuildError { kind })?;
            registry.handles.lock().unwrap().push(handle);
        }

        if builder.adaptive {
            tune::start_sampler(n);
        }
        Ok(registry)
    }

    fn terminate(&self) {
        self.terminating.store(true, Ordering::Release);
        self.wake.notify_all();
    }

    pub(crate) fn inject(&self, job: JobRef) {
        self.injector.lock().unwrap().push_back(job);
        self.pending.fetch_add(1, Ordering::AcqRel);
        self.wake.notify_one();
    }

    fn push_local(&self, index: usize, job: JobRef) {
        self.locals[index].lock().unwrap().push_back(job);
        self.pending.fetch_add(1, Ordering::AcqRel);
        self.wake.notify_one();
    }

    fn pop_local(&self, index: usize) -> Option<JobRef> {
        let job = self.locals[index].lock().unwrap().pop_back();
        if job.is_some() {
            self.pending.fetch_sub(1, Ordering::AcqRel);
        }
        job
    }

    fn steal(&self, thief: usize, seed: u64) -> Option<JobRef> {
        let n = self.locals.len();
        let start = (seed as usize) % n.max(1);
        for k in 0..n {
            let victim = (start + k) % n;
            if victim == thief {
                continue;
            }
            if let Some(job) = self.locals[victim].lock().unwrap().pop_front() {
                self.pending.fetch_sub(1, Ordering::AcqRel);
                return Some(job);
            }
        }
        let job = self.injector.lock().unwrap().pop_front();
        if job.is_some() {
            self.pending.fetch_sub(1, Ordering::AcqRel);
        }
        job
    }

    /// Runs `op` on a worker of this registry, hopping over from the outside if needed.
    pub(crate) fn in_worker<OP, R>(self: &Arc<Self>, op: OP) -> R
    where
        OP: FnOnce(&WorkerThread, bool) -> R + Send,
        R: Send,
    {
        let wt = WorkerThread::current();
        if !wt.is_null() && Arc::ptr_eq(unsafe { &(*wt).registry }, self) {
            return op(unsafe { &*wt }, false);
        }
        self.in_worker_cold(op)
    }

    #[cold]
    fn in_worker_cold<OP, R>(self: &Arc<Self>, op: OP) -> R
    where
        OP: FnOnce(&WorkerThread, bool) -> R + Send,
        R: Send,
    {
        let job = StackJob::new(
            |injected| {
                let wt = WorkerThread::current();
                debug_assert!(!wt.is_null());
                op(unsafe { &*wt }, injected)
            },
            LockLatch::new(),
        );
        // SAFETY: we block on the latch below, so `job` outlives its execution.
        self.inject(unsafe { job.as_job_ref() });
        job.latch.wait();
        job.into_result()
    }

    pub(crate) fn join<A, B, RA, RB>(self: &Arc<Self>, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        B: FnOnce() -> RB + Send,
        RA: Send,
        RB: Send,
    {
        self.in_worker(move |wt, _| {
            let job_b = StackJob::new(move |_| b(), SpinLatch::new());
            // SAFETY: job_b lives on this frame until its latch is set or it is run inline.
            let job_b_ref = unsafe { job_b.as_job_ref() };
            wt.push(job_b_ref);

            let result_a = match panic::catch_unwind(AssertUnwindSafe(a)) {
                Ok(v) => v,
                Err(err) => {
                    wt.wait_until(&job_b.latch);
                    panic::resume_unwind(err)
                }
            };

            while !job_b.latch.probe() {
                match wt.take_local() {
                    Some(job) if job == job_b_ref => {
                        let result_b = job_b.run_inline(false);
                        return (result_a, result_b);
                    }
                    Some(job) => unsafe { job.execute() },
                    None => {
                        wt.wait_until(&job_b.latch);
                        break;
                    }
                }
            }
            (result_a, job_b.into_result())
        })
    }

    pub(crate) fn scope<'scope, OP, R>(self: &Arc<Self>, op: OP) -> R
    where
        OP: FnOnce(&Scope<'scope>) -> R + Send,
        R: Send,
    {
        self.in_worker(|wt, _| {
            let scope = Scope::new(Arc::clone(&wt.registry));
            let result = panic::catch_unwind(AssertUnwindSafe(|| op(&scope)));
            scope.finish(wt);
            match result {
                Ok(r) => {
                    scope.maybe_propagate_panic();
                    r
                }
                Err(p) => panic::resume_unwind(p),
            }
        })
    }

    pub(crate) fn spawn<F: FnOnce() + Send + 'static>(&self, f: F) {
        let job = HeapJob::new(move || {
            let _ = panic::catch_unwind(AssertUnwindSafe(f));
        });
        // SAFETY: F is 'static.
        self.inject(unsafe { job.into_job_ref() });
    }
}

impl WorkerThread {
    pub(crate) fn current() -> *const WorkerThread {
        WORKER.with(|w| w.get())
    }

    pub(crate) fn registry(&self) -> &Arc<Registry> {
        &self.registry
    }

    pub(crate) fn push(&self, job: JobRef) {
        self.registry.push_local(self.index, job);
    }

    fn take_local(&self) -> Option<JobRef> {
        self.registry.pop_local(self.index)
    }

    fn next_seed(&self) -> u64 {
        // xorshift64*
        let mut x = self.seed.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed.set(x);
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn find_work(&self) -> Option<JobRef> {
        self.take_local().or_else(|| self.registry.steal(self.index, self.next_seed()))
    }

    /// Keeps executing other jobs until `latch` is set.
    pub(crate) fn wait_until<L: Probe>(&self, latch: &L) {
        let mut spins = 0u32;
        while !latch.probe() {
            if let Some(job) = self.find_work() {
                unsafe { job.execute() };
                spins = 0;
            } else if spins < 64 {
                spins += 1;
                std::hint::spin_loop();
            } else {
                thread::yield_now();
            }
        }
    }
}

fn main_loop(registry: Arc<Registry>, index: usize) {
    let worker = WorkerThread {
        index,
        registry: Arc::clone(&registry),
        seed: Cell::new(0x9e37_79b9_7f4a_7c15 ^ ((index as u64 + 1) << 17)),
    };
    WORKER.with(|w| w.set(&worker as *const WorkerThread));

    while !registry.terminating.load(Ordering::Acquire) {
        if let Some(job) = worker.find_work() {
            unsafe { job.execute() };
            continue;
        }
        let mut idle = registry.idle.lock().unwrap();
        *idle += 1;
        if registry.pending.load(Ordering::Acquire) == 0 && !registry.terminating.load(Ordering::Acquire) {
            idle = registry.wake.wait_timeout(idle, Duration::from_millis(50)).unwrap().0;
        }
        *idle -= 1;
    }

    WORKER.with(|w| w.set(ptr::null()));
}
