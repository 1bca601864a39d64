//! Separable 2-D DCT-II used by pHash.

use std::f64::consts::PI;
use std::sync::OnceLock;

/// Precomputed cosine table for an N-point DCT-II.
pub struct DctPlan {
    n: usize,
    table: Vec<f64>,
}

impl DctPlan {
    pub fn new(n: usize) -> DctPlan {
        let mut table = vec![0.0; n * n];
        for k in 0..n {
            let scale = if k == 0 { (1.0 / n as f64).sqrt() } else { (2.0 / n as f64).sqrt() };
            for i in 0..n {
                table[k * n + i] =
                    scale * ((PI / n as f64) * (i as f64 + 0.5) * k as f64).cos();
            }
        }
        DctPlan { n, table }
    }

    pub fn size(&self) -> usize {
        self.n
    }

    fn row(&self, input: &[f64], output: &mut [f64]) {
        let n = self.n;
        for k in 0..n {
            let t = &self.table[k * n..(k + 1) * n];
            output[k] = t.iter().zip(input).map(|(a, b)| a * b).sum();
        }
    }

    /// In-place 2-D DCT of an `n × n` row-major block.
    pub fn transform(&self, block: &mut [f64]) {
        let n = self.n;
        assert_eq!(block.len(), n * n);
        let mut tmp = vec![0.0; n];
        for r in 0..n {
            self.row(&block[r * n..(r + 1) * n], &mut tmp);
            block[r * n..(r + 1) * n].copy_from_slice(&tmp);
        }
        let mut col = vec![0.0; n];
        for c in 0..n {
            for r in 0..n {
                col[r] = block[r * n + c];
            }
            self.row(&col, &mut tmp);
            for r in 0..n {
                block[r * n + c] = tmp[r];
            }
        }
    }
}

/// Shared 32-point plan.
pub fn plan32() -> &'static DctPlan {
    static P: OnceLock<DctPlan> = OnceLock::new();
    P.get_or_init(|| DctPlan::new(32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dc_only_for_flat_block() {
        let p = DctPlan::new(8);
        let mut b = vec![1.0; 64];
        p.transform(&mut b);
        assert!((b[0] - 8.0).abs() < 1e-9);
        assert!(b[1..].iter().all(|v| v.abs() < 1e-9));
    }
}
