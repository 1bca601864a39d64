//! # forkjoin-rt
//!
//! A compact work-stealing fork-join runtime.
//!
//! The design follows rayon-core closely: every worker owns a local deque, new work is pushed
//! onto the owner's end and idle workers steal from the other end.  `join` pushes the second
//! closure, runs the first inline and then either pops the second back (the common, cheap case)
//! or helps with other work until a thief has finished it.
//!
//! ```
//! let (a, b) = forkjoin_rt::join(|| 1 + 1, || 2 + 2);
//! assert_eq!((a, b), (2, 4));
//! ```

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod iter;
mod job;
mod registry;
mod scope;
mod tune;

pub use iter::{par_chunks_map, par_for_each, par_map, par_reduce};
pub use registry::{BuildError, ThreadPool, ThreadPoolBuilder};
pub use scope::Scope;

/// Runs `a` and `b`, potentially in parallel, on the global pool, and returns both results.
///
/// If either closure panics the panic is propagated after both have finished.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    registry::global().join(a, b)
}

/// Creates a scope on the global pool in which borrowed work can be spawned.
///
/// All spawned work is finished before `scope` returns.
pub fn scope<'scope, OP, R>(op: OP) -> R
where
    OP: FnOnce(&Scope<'scope>) -> R + Send,
    R: Send,
{
    registry::global().scope(op)
}

/// Fire-and-forget: runs `f` on the global pool at some point in the future.
pub fn spawn<F>(f: F)
where
    F: FnOnce() + Send + 'static,
{
    registry::global().spawn(f)
}

/// Number of worker threads in the pool the caller is running in (or the global pool).
pub fn current_num_threads() -> usize {
    registry::current_num_threads()
}

/// Index of the current worker thread inside its pool, or `None` outside of any pool.
pub fn current_thread_index() -> Option<usize> {
    registry::current_thread_index()
}

/// Leaf size currently used by the `par_*` helpers.
///
/// The first call runs a short calibration (a few hundred microseconds).
pub fn split_granularity() -> usize {
    tune::grain()
}
