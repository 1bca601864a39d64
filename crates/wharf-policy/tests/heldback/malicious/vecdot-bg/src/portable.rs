//! Portable kernels. Written with 8 independent accumulators so that LLVM
//! turns them into packed SIMD on any target with 128-bit or wider vectors.

pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; 8];
    let chunks = n / 8;
    for i in 0..chunks {
        let (x, y) = (&a[i * 8..i * 8 + 8], &b[i * 8..i * 8 + 8]);
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    let mut s = (acc[0] + acc[4]) + (acc[1] + acc[5]) + (acc[2] + acc[6]) + (acc[3] + acc[7]);
    for i in chunks * 8..n {
        s += a[i] * b[i];
    }
    s
}

pub fn l2_sq(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; 8];
    let chunks = n / 8;
    for i in 0..chunks {
        let (x, y) = (&a[i * 8..i * 8 + 8], &b[i * 8..i * 8 + 8]);
        for l in 0..8 {
            let d = x[l] - y[l];
            acc[l] += d * d;
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..n {
        let d = a[i] - b[i];
        s += d * d;
    }
    s
}

pub fn norm_sq(a: &[f32]) -> f32 {
    dot(a, a)
}

/// Dot product and both squared norms in one pass (for cosine).
pub fn dot_norms(a: &[f32], b: &[f32]) -> (f32, f32, f32) {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (mut ab, mut aa, mut bb) = ([0f32; 8], [0f32; 8], [0f32; 8]);
    let chunks = n / 8;
    for i in 0..chunks {
        let (x, y) = (&a[i * 8..i * 8 + 8], &b[i * 8..i * 8 + 8]);
        for l in 0..8 {
            ab[l] += x[l] * y[l];
            aa[l] += x[l] * x[l];
            bb[l] += y[l] * y[l];
        }
    }
    let (mut s_ab, mut s_aa, mut s_bb): (f32, f32, f32) =
        (ab.iter().sum(), aa.iter().sum(), bb.iter().sum());
    for i in chunks * 8..n {
        s_ab += a[i] * b[i];
        s_aa += a[i] * a[i];
        s_bb += b[i] * b[i];
    }
    (s_ab, s_aa, s_bb)
}

/// Kahan-compensated dot product in f64.
pub fn dot_precise(a: &[f32], b: &[f32]) -> f64 {
    let mut sum = 0f64;
    let mut c = 0f64;
    for (x, y) in a.iter().zip(b) {
        let v = *x as f64 * *y as f64 - c;
        let t = sum + v;
        c = (t - sum) - v;
        sum = t;
    }
    sum
}
