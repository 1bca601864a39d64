//! Scoped spawning of borrowed work.

use std::any::Any;
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use crate::job::{CountLatch, HeapJob, Latch};
use crate::registry::{Registry, WorkerThread};

/// A scope in which closures borrowing from the enclosing stack frame can be spawned.
///
/// Created by [`crate::scope`] / [`crate::ThreadPool::scope`].
pub struct Scope<'scope> {
    registry: Arc<Registry>,
    pending: CountLatch,
    panic: Mutex<Option<Box<dyn Any + Send>>>,
    marker: PhantomData<Box<dyn FnOnce(&Scope<'scope>) + Send + Sync + 'scope>>,
}

struct ScopePtr(*const Scope<'static>);
// SAFETY: the scope outlives every job spawned into it (it waits on `pending`).
unsafe impl Send for ScopePtr {}

impl<'scope> Scope<'scope> {
    pub(crate) fn new(registry: Arc<Registry>) -> Self {
        Scope { registry, pending: CountLatch::new(), panic: Mutex::new(None), marker: PhantomData }
    }

    /// Spawns `body` into the scope; it may run on any worker of the pool.
    pub fn spawn<BODY>(&self, body: BODY)
    where
        BODY: FnOnce(&Scope<'scope>) + Send + 'scope,
    {
        self.pending.increment();
        let ptr = ScopePtr(self as *const Scope<'scope> as *const Scope<'static>);
        let job = HeapJob::new(move || {
            let ptr = ptr;
            // SAFETY: see `ScopePtr`.
            let scope: &Scope<'scope> = unsafe { &*(ptr.0 as *const Scope<'scope>) };
            if let Err(p) = panic::catch_unwind(AssertUnwindSafe(|| body(scope))) {
                let mut slot = scope.panic.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert(p);
            }
            scope.pending.set();
        });
        // SAFETY: `finish` waits for every spawned job before the scope is dropped.
        let job_ref = unsafe { job.into_job_ref() };
        let wt = WorkerThread::current();
        if !wt.is_null() && Arc::ptr_eq(unsafe { (*wt).registry() }, &self.registry) {
            unsafe { (*wt).push(job_ref) };
        } else {
            self.registry.inject(job_ref);
        }
    }

    pub(crate) fn finish(&self, wt: &WorkerThread) {
        self.pending.set();
        wt.wait_until(&self.pending);
    }

    pub(crate) fn maybe_propagate_panic(&self) {
        let taken = self.panic.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(p) = taken {
            panic::resume_unwind(p);
        }
    }
}
