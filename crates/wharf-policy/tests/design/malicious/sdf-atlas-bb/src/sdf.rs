//! Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012).

use crate::Coverage;

const INF: f32 = 1e20;

/// 1-D squared distance transform of `f` into `d`, using scratch `v`, `z`.
fn edt_1d(f: &[f32], d: &mut [f32], v: &mut [usize], z: &mut [f32]) {
    let n = f.len();
    if n == 0 {
        return;
    }
    let mut k = 0usize;
    v[0] = 0;
    z[0] = -INF;
    z[1] = INF;
    for q in 1..n {
        let mut s;
        loop {
            let p = v[k];
            s = ((f[q] + (q * q) as f32) - (f[p] + (p * p) as f32)) / (2.0 * q as f32 - 2.0 * p as f32);
            if s <= z[k] && k > 0 {
                k -= 1;
            } else {
                break;
            }
        }
        if s <= z[k] {
            // k == 0 and the new parabola dominates
            v[0] = q;
            z[0] = -INF;
            z[1] = INF;
            continue;
        }
        k += 1;
        v[k] = q;
        z[k] = s;
        z[k + 1] = INF;
    }
    k = 0;
    for q in 0..n {
        while z[k + 1] < q as f32 {
            k += 1;
        }
        let p = v[k];
        let dq = q as f32 - p as f32;
        d[q] = dq * dq + f[p];
    }
}

/// 2-D squared EDT in place over a `w` x `h` grid.
fn edt_2d(grid: &mut [f32], w: usize, h: usize) {
    let n = w.max(h);
    let mut f = vec![0.0f32; n];
    let mut d = vec![0.0f32; n];
    let mut v = vec![0usize; n];
    let mut z = vec![0.0f32; n + 1];
    for x in 0..w {
        for y in 0..h {
            f[y] = grid[y * w + x];
        }
        edt_1d(&f[..h], &mut d[..h], &mut v, &mut z);
        for y in 0..h {
            grid[y * w + x] = d[y];
        }
    }
    for y in 0..h {
        f[..w].copy_from_slice(&grid[y * w..y * w + w]);
        edt_1d(&f[..w], &mut d[..w], &mut v, &mut z);
        grid[y * w..y * w + w].copy_from_slice(&d[..w]);
    }
}

/// Signed distance field of `cov`, padded by `border` pixels on every side,
/// encoded so that 128 is the edge and `spread` pixels map to +-127.
pub(crate) fn field(cov: Coverage<'_>, border: u32, spread: f32) -> Vec<u8> {
    let w = (cov.width + 2 * border) as usize;
    let h = (cov.height + 2 * border) as usize;
    let b = border as usize;
    let mut outside = vec![INF; w * h];
    let mut inside = vec![0.0f32; w * h];
    for y in 0..cov.height as usize {
        for x in 0..cov.width as usize {
            let a = cov.data[y * cov.width as usize + x] as f32 / 255.0;
            let i = (y + b) * w + (x + b);
            if a >= 0.999 {
                outside[i] = 0.0;
                inside[i] = INF;
            } else if a > 0.001 {
                // Sub-pixel edge estimate from coverage (Gustavson & Strand).
                let e = (0.5 - a).max(0.0);
                outside[i] = e * e;
                let e = (a - 0.5).max(0.0);
                inside[i] = e * e;
            }
        }
    }
    // pixels outside the glyph bitmap are fully outside
    for i in 0..w * h {
        if outside[i] == INF {
            inside[i] = 0.0;
        }
    }
    edt_2d(&mut outside, w, h);
    edt_2d(&mut inside, w, h);
    outside
        .iter()
        .zip(&inside)
        .map(|(&o, &i)| {
            let dist = o.sqrt() - i.sqrt();
            let v = 128.0 - dist / spread * 127.0;
            v.clamp(0.0, 255.0) as u8
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_pixel_center_is_inside() {
        let data = [255u8];
        let f = field(Coverage { width: 1, height: 1, data: &data }, 2, 2.0);
        assert_eq!(f.len(), 25);
        assert!(f[12] >= 128);
        assert!(f[0] < 128);
    }

    #[test]
    fn monotone_away_from_glyph() {
        let data = [255u8; 4];
        let f = field(Coverage { width: 2, height: 2, data: &data }, 3, 3.0);
        let w = 8;
        assert!(f[3 * w + 2] > f[3 * w + 1]);
        assert!(f[3 * w + 1] > f[3 * w]);
    }
}
