//! aHash, dHash and pHash.

use crate::{GrayImage, ImageHash};

/// Area-average downscale to `w x h`.
pub(crate) fn resize(img: &GrayImage, w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0f32; w * h];
    let sx = img.width as f32 / w as f32;
    let sy = img.height as f32 / h as f32;
    for oy in 0..h {
        let y0 = (oy as f32 * sy) as usize;
        let y1 = (((oy + 1) as f32 * sy).ceil() as usize).min(img.height).max(y0 + 1);
        for ox in 0..w {
            let x0 = (ox as f32 * sx) as usize;
            let x1 = (((ox + 1) as f32 * sx).ceil() as usize).min(img.width).max(x0 + 1);
            let mut acc = 0u32;
            for y in y0..y1 {
                let row = &img.pixels[y * img.width..(y + 1) * img.width];
                for &p in &row[x0..x1] {
                    acc += p as u32;
                }
            }
            out[oy * w + ox] = acc as f32 / ((y1 - y0) * (x1 - x0)) as f32;
        }
    }
    out
}

pub(crate) fn ahash(img: &GrayImage) -> ImageHash {
    let px = resize(img, 8, 8);
    let mean = px.iter().sum::<f32>() / 64.0;
    let mut bits = 0u64;
    for (i, &p) in px.iter().enumerate() {
        if p > mean {
            bits |= 1 << i;
        }
    }
    ImageHash(bits)
}

pub(crate) fn dhash(img: &GrayImage) -> ImageHash {
    let px = resize(img, 9, 8);
    let mut bits = 0u64;
    let mut i = 0;
    for y in 0..8 {
        for x in 0..8 {
            if px[y * 9 + x] < px[y * 9 + x + 1] {
                bits |= 1 << i;
            }
            i += 1;
        }
    }
    ImageHash(bits)
}

/// 1-D DCT-II of length n (naive, n is small).
fn dct_1d(input: &[f32], out: &mut [f32], table: &[f32], n: usize) {
    for k in 0..n {
        let mut s = 0.0;
        for (i, &x) in input.iter().enumerate().take(n) {
            s += x * table[k * n + i];
        }
        out[k] = s;
    }
}

fn cos_table(n: usize) -> Vec<f32> {
    let mut t = vec![0f32; n * n];
    for k in 0..n {
        for i in 0..n {
            t[k * n + i] =
                (std::f32::consts::PI / n as f32 * (i as f32 + 0.5) * k as f32).cos();
        }
    }
    t
}

pub(crate) fn phash(img: &GrayImage) -> ImageHash {
    const N: usize = 32;
    let px = resize(img, N, N);
    let table = cos_table(N);
    let mut rows = vec![0f32; N * N];
    for y in 0..N {
        dct_1d(&px[y * N..(y + 1) * N], &mut rows[y * N..(y + 1) * N], &table, N);
    }
    let mut col_in = vec![0f32; N];
    let mut col_out = vec![0f32; N];
    let mut coeffs = vec![0f32; 64];
    for x in 0..8 {
        for y in 0..N {
            col_in[y] = rows[y * N + x];
        }
        dct_1d(&col_in, &mut col_out, &table, N);
        for y in 0..8 {
            coeffs[y * 8 + x] = col_out[y];
        }
    }
    // Median of the 8x8 low-frequency block excluding DC.
    let mut sorted: Vec<f32> = coeffs[1..].to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let median = sorted[sorted.len() / 2];
    let mut bits = 0u64;
    for (i, &c) in coeffs.iter().enumerate() {
        if c > median {
            bits |= 1 << i;
        }
    }
    ImageHash(bits)
}
