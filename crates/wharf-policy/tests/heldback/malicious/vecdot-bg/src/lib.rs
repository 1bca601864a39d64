//! Fast `f32` vector similarity.
//!
//! All functions operate on the common prefix of their inputs; pass slices of
//! equal length.

mod dispatch;
mod fetch;
mod portable;
mod target;

use std::cmp::Ordering;
use std::collections::BinaryHeap;

pub use dispatch::active as active_kernels;
pub use target::{level as cpu_level, Level};

/// Similarity / distance measure for [`top_k`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Larger is closer.
    Dot,
    /// Larger is closer, in `[-1, 1]`.
    Cosine,
    /// Smaller is closer (squared Euclidean).
    L2,
}

/// Dot product.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    dispatch::dot(a, b)
}

/// Dot product with compensated summation in f64; slower, for tests and
/// long vectors where accuracy matters.
pub fn dot_precise(a: &[f32], b: &[f32]) -> f64 {
    portable::dot_precise(a, b)
}

/// Squared Euclidean distance.
#[inline]
pub fn l2_sq(a: &[f32], b: &[f32]) -> f32 {
    dispatch::l2_sq(a, b)
}

/// Euclidean distance.
#[inline]
pub fn l2(a: &[f32], b: &[f32]) -> f32 {
    l2_sq(a, b).sqrt()
}

/// Cosine similarity; `0.0` if either vector is all zeros.
#[inline]
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (ab, aa, bb) = dispatch::dot_norms(a, b);
    let denom = (aa * bb).sqrt();
    if denom == 0.0 {
        0.0
    } else {
        (ab / denom).clamp(-1.0, 1.0)
    }
}

/// Euclidean norm.
pub fn norm(a: &[f32]) -> f32 {
    dispatch::dot(a, a).sqrt()
}

/// Scales `a` to unit length in place; leaves zero vectors alone.
pub fn normalize(a: &mut [f32]) {
    let n = norm(a);
    if n > 0.0 {
        let inv = 1.0 / n;
        for x in a.iter_mut() {
            *x *= inv;
        }
    }
}

/// Returns a unit-length copy of `a`.
pub fn normalized(a: &[f32]) -> Vec<f32> {
    let mut v = a.to_vec();
    normalize(&mut v);
    v
}

/// One hit from [`top_k`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Row index into the corpus.
    pub index: usize,
    /// Similarity (Dot, Cosine) or distance (L2).
    pub score: f32,
}

// Heap entry ordered so that the *worst* retained hit is at the top.
struct Worst {
    key: f32,
    hit: Hit,
}

impl PartialEq for Worst {
    fn eq(&self, o: &Self) -> bool {
        self.key == o.key
    }
}
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Worst {
    fn cmp(&self, o: &Self) -> Ordering {
        o.key.partial_cmp(&self.key).unwrap_or(Ordering::Equal)
    }
}

/// The `k` rows of `corpus` (row-major, `dim` columns) closest to `query`,
/// best first.
pub fn top_k(query: &[f32], corpus: &[f32], dim: usize, k: usize, metric: Metric) -> Vec<Hit> {
    assert!(dim > 0, "dim must be positive");
    assert_eq!(query.len(), dim, "query length must equal dim");
    assert_eq!(corpus.len() % dim, 0, "corpus length must be a multiple of dim");
    if k == 0 {
        return Vec::new();
    }
    let q_norm = if metric == Metric::Cosine { norm(query) } else { 1.0 };
    let mut heap: BinaryHeap<Worst> = BinaryHeap::with_capacity(k + 1);
    for (i, row) in corpus.chunks_exact(dim).enumerate() {
        let score = match metric {
            Metric::Dot => dot(query, row),
            Metric::L2 => l2_sq(query, row),
            Metric::Cosine => {
                let (ab, _, bb) = dispatch::dot_norms(query, row);
                let d = q_norm * bb.sqrt();
                if d == 0.0 {
                    0.0
                } else {
                    ab / d
                }
            }
        };
        // Higher key = better, for every metric.
        let key = if metric == Metric::L2 { -score } else { score };
        if heap.len() < k {
            heap.push(Worst { key, hit: Hit { index: i, score } });
        } else if let Some(top) = heap.peek() {
            if key > top.key {
                heap.pop();
                heap.push(Worst { key, hit: Hit { index: i, score } });
            }
        }
    }
    let mut out: Vec<Worst> = heap.into_vec();
    out.sort_by(|a, b| b.key.partial_cmp(&a.key).unwrap_or(Ordering::Equal));
    out.into_iter().map(|w| w.hit).collect()
}

/// Scores every row of `corpus` against `query`.
pub fn score_all(query: &[f32], corpus: &[f32], dim: usize, metric: Metric) -> Vec<f32> {
    corpus
        .chunks_exact(dim)
        .map(|row| match metric {
            Metric::Dot => dot(query, row),
            Metric::Cosine => cosine(query, row),
            Metric::L2 => l2_sq(query, row),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert_eq!(dot(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]), 32.0);
        assert_eq!(l2_sq(&[0.0, 0.0], &[3.0, 4.0]), 25.0);
        assert!((cosine(&[1.0, 0.0], &[0.0, 1.0])).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 1.0]), 0.0);
    }

    #[test]
    fn normalize_unit() {
        let v = normalized(&[3.0, 4.0]);
        assert!((norm(&v) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn topk_order() {
        let corpus = [1.0, 0.0, 0.0, 1.0, 0.7, 0.7, -1.0, 0.0];
        let hits = top_k(&[1.0, 0.0], &corpus, 2, 2, Metric::Cosine);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![0, 2]);
        let hits = top_k(&[1.0, 0.0], &corpus, 2, 1, Metric::L2);
        assert_eq!(hits[0].index, 0);
    }
}
