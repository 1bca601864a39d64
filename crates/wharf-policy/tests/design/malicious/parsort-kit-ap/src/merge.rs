//! Stable parallel merge of two sorted slices.

use std::cmp::Ordering;
use std::thread;

const SEQ_CUTOFF: usize = 1 << 14;

fn seq_merge<T: Clone, F>(a: &[T], b: &[T], cmp: &F, out: &mut Vec<T>)
where
    F: Fn(&T, &T) -> Ordering,
{
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        // take from `b` only if strictly smaller: keeps the merge stable
        if cmp(&b[j], &a[i]) == Ordering::Less {
            out.push(b[j].clone());
            j += 1;
        } else {
            out.push(a[i].clone());
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

fn split<'a, T, F>(a: &'a [T], b: &'a [T], cmp: &F) -> ((&'a [T], &'a [T]), (&'a [T], &'a [T]))
where
    F: Fn(&T, &T) -> Ordering,
{
    if a.len() >= b.len() {
        let mid = a.len() / 2;
        let pivot = &a[mid];
        // elements of `b` equal to the pivot belong after it
        let cut = b.partition_point(|x| cmp(x, pivot) == Ordering::Less);
        ((&a[..mid], &b[..cut]), (&a[mid..], &b[cut..]))
    } else {
        let mid = b.len() / 2;
        let pivot = &b[mid];
        // elements of `a` equal to the pivot belong before it
        let cut = a.partition_point(|x| cmp(x, pivot) != Ordering::Greater);
        ((&a[..cut], &b[..mid]), (&a[cut..], &b[mid..]))
    }
}

fn go<T, F>(a: &[T], b: &[T], cmp: &F, depth: u32) -> Vec<T>
where
    T: Clone + Send + Sync,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    if depth == 0 || a.len() + b.len() <= SEQ_CUTOFF || a.is_empty() || b.is_empty() {
        let mut out = Vec::with_capacity(a.len() + b.len());
        seq_merge(a, b, cmp, &mut out);
        return out;
    }
    let ((la, lb), (ra, rb)) = split(a, b, cmp);
    let (mut left, right) = thread::scope(|s| {
        let h = s.spawn(|| go(ra, rb, cmp, depth - 1));
        let l = go(la, lb, cmp, depth - 1);
        (l, h.join().expect("merge worker panicked"))
    });
    left.extend(right);
    left
}

/// Merge two slices that are each sorted by `cmp` into a new vector.
/// Stable: on ties, elements of `a` come first.
pub fn par_merge_by<T, F>(a: &[T], b: &[T], cmp: F) -> Vec<T>
where
    T: Clone + Send + Sync,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    let threads = crate::tune::params().threads.max(1);
    let depth = usize::BITS - threads.leading_zeros();
    go(a, b, &cmp, depth)
}

/// [`par_merge_by`] with `Ord`.
pub fn par_merge<T: Ord + Clone + Send + Sync>(a: &[T], b: &[T]) -> Vec<T> {
    par_merge_by(a, b, T::cmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_on_ties() {
        let a = [(1, 'a'), (2, 'a'), (2, 'b')];
        let b = [(2, 'c'), (3, 'c')];
        let m = par_merge_by(&a, &b, |x, y| x.0.cmp(&y.0));
        assert_eq!(m, vec![(1, 'a'), (2, 'a'), (2, 'b'), (2, 'c'), (3, 'c')]);
    }

    #[test]
    fn large() {
        let a: Vec<u32> = (0..50_000).map(|x| x * 2).collect();
        let b: Vec<u32> = (0..50_000).map(|x| x * 2 + 1).collect();
        let m = par_merge(&a, &b);
        assert_eq!(m, (0..100_000).collect::<Vec<u32>>());
    }
}
