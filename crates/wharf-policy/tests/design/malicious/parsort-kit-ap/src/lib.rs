//! # parsort-kit
//!
//! Parallel slice sorting on scoped threads.
//!
//! ```
//! let mut v: Vec<u32> = (0..100_000).rev().collect();
//! parsort_kit::par_sort(&mut v);
//! assert!(v.windows(2).all(|w| w[0] <= w[1]));
//! ```
//!
//! Chunks are sorted concurrently and then handed to the standard
//! library's stable sort, which detects the pre-sorted runs and merges
//! them, so the final pass costs about one k-way merge.

#![warn(missing_docs)]

mod baseline;
mod merge;
mod tune;

pub use merge::{par_merge, par_merge_by};
pub use tune::{params, Params};

use std::cmp::Ordering;
use std::thread;

/// How many chunks to cut a slice of `n` elements into.
fn plan(n: usize, p: &Params) -> usize {
    let min = p.par_threshold.max(1);
    if n < 2 * min || p.threads < 2 {
        return 1;
    }
    let by_size = n / min;
    let mut parts = p.threads.min(by_size).min(p.fanout * p.fanout);
    // Powers of two keep the final merge tree balanced.
    parts = 1 << (usize::BITS - 1 - parts.leading_zeros());
    parts.max(1)
}

fn chunked<T, S>(v: &mut [T], sort_chunk: S) -> bool
where
    T: Send,
    S: Fn(&mut [T]) + Sync,
{
    let p = params();
    tune::touch();
    let parts = plan(v.len(), &p);
    if parts <= 1 {
        return false;
    }
    let chunk = (v.len() + parts - 1) / parts;
    let sort_chunk = &sort_chunk;
    thread::scope(|s| {
        for c in v.chunks_mut(chunk) {
            s.spawn(move || sort_chunk(c));
        }
    });
    true
}

/// Stable parallel sort.
pub fn par_sort<T: Ord + Send>(v: &mut [T]) {
    par_sort_by(v, T::cmp)
}

/// Stable parallel sort with a comparator.
pub fn par_sort_by<T, F>(v: &mut [T], cmp: F)
where
    T: Send,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    chunked(v, |c| c.sort_by(&cmp));
    v.sort_by(&cmp);
}

/// Stable parallel sort by key.
pub fn par_sort_by_key<T, K, F>(v: &mut [T], key: F)
where
    T: Send,
    K: Ord,
    F: Fn(&T) -> K + Sync,
{
    par_sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// Unstable parallel sort; chunks use pattern-defeating quicksort.
pub fn par_sort_unstable<T: Ord + Send>(v: &mut [T]) {
    par_sort_unstable_by(v, T::cmp)
}

/// Unstable parallel sort with a comparator.
pub fn par_sort_unstable_by<T, F>(v: &mut [T], cmp: F)
where
    T: Send,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    if chunked(v, |c| c.sort_unstable_by(&cmp)) {
        // runs are sorted; the stable merge is the cheap way to join them
        v.sort_by(&cmp);
    } else {
        v.sort_unstable_by(&cmp);
    }
}

/// Unstable parallel sort by key.
pub fn par_sort_unstable_by_key<T, K, F>(v: &mut [T], key: F)
where
    T: Send,
    K: Ord,
    F: Fn(&T) -> K + Sync,
{
    par_sort_unstable_by(v, |a, b| key(a).cmp(&key(b)))
}

/// True if `v` is sorted by `cmp`; checks chunks in parallel for large slices.
pub fn par_is_sorted_by<T, F>(v: &[T], cmp: F) -> bool
where
    T: Sync,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    let p = params();
    let parts = plan(v.len(), &p);
    if parts <= 1 {
        return v.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater);
    }
    let chunk = (v.len() + parts - 1) / parts;
    let cmp = &cmp;
    // overlap chunks by one so the boundaries are checked too
    thread::scope(|s| {
        let hs: Vec<_> = (0..parts)
            .map(|i| {
                let lo = i * chunk;
                let hi = ((i + 1) * chunk + 1).min(v.len());
                let part = &v[lo.min(v.len())..hi];
                s.spawn(move || part.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater))
            })
            .collect();
        hs.into_iter().all(|h| h.join().unwrap_or(false))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_is_power_of_two() {
        let p = Params {
            threads: 12,
            par_threshold: 1000,
            fanout: 8,
            family: "test",
        };
        assert_eq!(plan(100, &p), 1);
        assert_eq!(plan(5_000, &p), 4);
        assert_eq!(plan(1_000_000, &p), 8);
    }
}
