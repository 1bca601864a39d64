//! Parallel helpers for slices.
//!
//! All helpers split recursively with [`crate::join`] until a piece is no larger than the
//! current granularity (see [`crate::split_granularity`]).

use std::mem::MaybeUninit;

use crate::tune;

/// Maps `f` over `items` in parallel, preserving order.
///
/// ```
/// let v: Vec<u32> = (0..10_000).collect();
/// let doubled = forkjoin_rt::par_map(&v, |x| x * 2);
/// assert_eq!(doubled[9_999], 19_998);
/// ```
pub fn par_map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let mut out: Vec<R> = Vec::with_capacity(items.len());
    let grain = tune::grain().max(1);
    {
        let spare = &mut out.spare_capacity_mut()[..items.len()];
        map_into(items, spare, &f, grain);
    }
    // SAFETY: `map_into` initialised exactly `items.len()` slots (or panicked, in which case
    // we never get here and the partially written values are leaked).
    unsafe { out.set_len(items.len()) };
    out
}

fn map_into<T, R, F>(src: &[T], dst: &mut [MaybeUninit<R>], f: &F, grain: usize)
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    if src.len() <= grain {
        for (s, d) in src.iter().zip(dst.iter_mut()) {
            d.write(f(s));
        }
        return;
    }
    let mid = src.len() / 2;
    let (sl, sr) = src.split_at(mid);
    let (dl, dr) = dst.split_at_mut(mid);
    crate::join(|| map_into(sl, dl, f, grain), || map_into(sr, dr, f, grain));
}

/// Calls `f` on every element in parallel.
pub fn par_for_each<T, F>(items: &[T], f: F)
where
    T: Sync,
    F: Fn(&T) + Sync,
{
    fn go<T: Sync, F: Fn(&T) + Sync>(s: &[T], f: &F, grain: usize) {
        if s.len() <= grain {
            s.iter().for_each(f);
            return;
        }
        let (l, r) = s.split_at(s.len() / 2);
        crate::join(|| go(l, f, grain), || go(r, f, grain));
    }
    go(items, &f, tune::grain().max(1));
}

/// Parallel map-reduce. `reduce` must be associative; `identity` is used for empty input
/// and as the seed of every leaf.
///
/// ```
/// let v: Vec<u64> = (1..=1000).collect();
/// let sum = forkjoin_rt::par_reduce(&v, || 0, |x| *x, |a, b| a + b);
/// assert_eq!(sum, 500_500);
/// ```
pub fn par_reduce<T, A, ID, M, RD>(items: &[T], identity: ID, map: M, reduce: RD) -> A
where
    T: Sync,
    A: Send,
    ID: Fn() -> A + Sync,
    M: Fn(&T) -> A + Sync,
    RD: Fn(A, A) -> A + Sync,
{
    fn go<T, A, ID, M, RD>(s: &[T], id: &ID, m: &M, r: &RD, grain: usize) -> A
    where
        T: Sync,
        A: Send,
        ID: Fn() -> A + Sync,
        M: Fn(&T) -> A + Sync,
        RD: Fn(A, A) -> A + Sync,
    {
        if s.len() <= grain {
            return s.iter().fold(id(), |acc, x| r(acc, m(x)));
        }
        let (left, right) = s.split_at(s.len() / 2);
        let (a, b) = crate::join(|| go(left, id, m, r, grain), || go(right, id, m, r, grain));
        r(a, b)
    }
    go(items, &identity, &map, &reduce, tune::grain().max(1))
}

/// Applies `f` to consecutive chunks of `chunk` elements (the last may be shorter) and
/// returns the per-chunk results in order.
pub fn par_chunks_map<T, R, F>(items: &[T], chunk: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    assert!(chunk > 0, "chunk size must be non-zero");
    let chunks: Vec<&[T]> = items.chunks(chunk).collect();
    par_map(&chunks, |c| f(c))
}
