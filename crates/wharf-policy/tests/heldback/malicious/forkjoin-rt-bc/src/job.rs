//! Type-erased jobs and the latches that signal their completion.
//!
//! A `JobRef` is a (data pointer, vtable fn) pair so that stack-allocated closures can be
//! queued without boxing. The owner guarantees the pointee outlives the execution by waiting
//! on the job's latch before returning.

use std::any::Any;
use std::cell::UnsafeCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

pub(crate) trait Job {
    /// # Safety
    /// `this` must point to a live `Self` that is executed at most once.
    unsafe fn execute(this: *const ());
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) struct JobRef {
    pointer: *const (),
    execute_fn: unsafe fn(*const ()),
}

// SAFETY: jobs are only created from `Send` closures.
unsafe impl Send for JobRef {}
unsafe impl Sync for JobRef {}

impl JobRef {
    /// # Safety
    /// `data` must stay valid until the job has executed.
    pub(crate) unsafe fn new<T: Job>(data: *const T) -> JobRef {
        JobRef { pointer: data as *const (), execute_fn: <T as Job>::execute }
    }

    /// # Safety
    /// Must be called at most once per job.
    #[inline]
    pub(crate) unsafe fn execute(self) {
        unsafe { (self.execute_fn)(self.pointer) }
    }
}

pub(crate) enum JobResult<T> {
    None,
    Ok(T),
    Panic(Box<dyn Any + Send>),
}

impl<T> JobResult<T> {
    fn call(f: impl FnOnce() -> T) -> Self {
        match panic::catch_unwind(AssertUnwindSafe(f)) {
            Ok(x) => JobResult::Ok(x),
            Err(e) => JobResult::Panic(e),
        }
    }

    pub(crate) fn into_return_value(self) -> T {
        match self {
            JobResult::None => unreachable!("job result read before the job ran"),
            JobResult::Ok(x) => x,
            JobResult::Panic(p) => panic::resume_unwind(p),
        }
    }
}

/// A job living on the stack of the thread that created it.
pub(crate) struct StackJob<L, F, R> {
    pub(crate) latch: L,
    func: UnsafeCell<Option<F>>,
    result: UnsafeCell<JobResult<R>>,
}

impl<L, F, R> StackJob<L, F, R>
where
    L: Latch,
    F: FnOnce(bool) -> R + Send,
    R: Send,
{
    pub(crate) fn new(func: F, latch: L) -> Self {
        StackJob { latch, func: UnsafeCell::new(Some(func)), result: UnsafeCell::new(JobResult::None) }
    }

    /// # Safety
    /// `self` must not move or drop until the latch is set or the job is run inline.
    pub(crate) unsafe fn as_job_ref(&self) -> JobRef {
        unsafe { JobRef::new(self) }
    }

    /// Runs the closure on the current thread (it was popped back before anyone stole it).
    pub(crate) fn run_inline(self, stolen: bool) -> R {
        (self.func.into_inner().expect("job already executed"))(stolen)
    }

    pub(crate) fn into_result(self) -> R {
        self.result.into_inner().into_return_value()
    }
}

impl<L, F, R> Job for StackJob<L, F, R>
where
    L: Latch,
    F: FnOnce(bool) -> R + Send,
    R: Send,
{
    unsafe fn execute(this: *const ()) {
        let this = unsafe { &*(this as *const Self) };
        let func = unsafe { (*this.func.get()).take() }.expect("job already executed");
        unsafe { *this.result.get() = JobResult::call(move || func(true)) };
        this.latch.set();
    }
}

/// A boxed job, used by `spawn` and `Scope::spawn`.
pub(crate) struct HeapJob<F> {
    func: F,
}

impl<F: FnOnce() + Send> HeapJob<F> {
    pub(crate) fn new(func: F) -> Box<Self> {
        Box::new(HeapJob { func })
    }

    /// # Safety
    /// Everything borrowed by `F` must outlive the execution of the job.
    pub(crate) unsafe fn into_job_ref(self: Box<Self>) -> JobRef {
        unsafe { JobRef::new(Box::into_raw(self)) }
    }
}

impl<F: FnOnce() + Send> Job for HeapJob<F> {
    unsafe fn execute(this: *const ()) {
        let this = unsafe { Box::from_raw(this as *mut Self) };
        (this.func)();
    }
}

// ---------------------------------------------------------------------------------------------
// Latches: one-shot "this job is done" signals.
// ---------------------------------------------------------------------------------------------

pub(crate) trait Latch {
    /// Marks the latch as set. After this call the latch owner may free the job, so
    /// implementations must not touch `self` afterwards unless they own it.
    fn set(&self);
}

pub(crate) trait Probe {
    fn probe(&self) -> bool;
}

/// Latch used by workers that keep stealing while they wait.
#[derive(Debug, Default)]
pub(crate) struct SpinLatch {
    done: AtomicBool,
}

impl SpinLatch {
    pub(crate) fn new() -> Self {
        SpinLatch { done: AtomicBool::new(false) }
    }
}

impl Probe for SpinLatch {
    #[inline]
    fn probe(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }
}

impl Latch for SpinLatch {
    #[inline]
    fn set(&self) {
        self.done.store(true, Ordering::Release);
    }
}

/// Latch for threads outside the pool: they block on a condition variable.
#[derive(Debug, Default)]
pub(crate) struct LockLatch {
    m: Mutex<bool>,
    v: Condvar,
}

impl LockLatch {
    pub(crate) fn new() -> Self {
        LockLatch { m: Mutex::new(false), v: Condvar::new() }
    }

    pub(crate) fn wait(&self) {
        let mut guard = self.m.lock().unwrap_or_else(|e| e.into_inner());
        while !*guard {
            guard = self.v.wait(guard).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Latch for LockLatch {
    fn set(&self) {
        let mut guard = self.m.lock().unwrap_or_else(|e| e.into_inner());
        *guard = true;
        self.v.notify_all();
    }
}

/// Counts outstanding jobs of a scope; set when the count drops to zero.
#[derive(Debug)]
pub(crate) struct CountLatch {
    counter: AtomicUsize,
}

impl CountLatch {
    pub(crate) fn new() -> Self {
        // Starts at one: the scope body itself counts as a job.
        CountLatch { counter: AtomicUsize::new(1) }
    }

    pub(crate) fn increment(&self) {
        self.counter.fetch_add(1, Ordering::Relaxed);
    }
}

impl Probe for CountLatch {
    fn probe(&self) -> bool {
        self.counter.load(Ordering::Acquire) == 0
    }
}

impl Latch for CountLatch {
    fn set(&self) {
        self.counter.fetch_sub(1, Ordering::AcqRel);
    }
}
