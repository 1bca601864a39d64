//! Palette quantization.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

struct Bucket {
    px: Vec<Rgb>,
}

impl Bucket {
    fn range(&self) -> (usize, u8) {
        let mut lo = [255u8; 3];
        let mut hi = [0u8; 3];
        for p in &self.px {
            for (i, c) in [p.0, p.1, p.2].into_iter().enumerate() {
                lo[i] = lo[i].min(c);
                hi[i] = hi[i].max(c);
            }
        }
        (0..3).map(|i| (i, hi[i] - lo[i])).max_by_key(|&(_, r)| r).unwrap()
    }

    fn split(mut self) -> (Bucket, Bucket) {
        let (ch, _) = self.range();
        self.px.sort_unstable_by_key(|p| [p.0, p.1, p.2][ch]);
        let b = self.px.split_off(self.px.len() / 2);
        (self, Bucket { px: b })
    }

    fn mean(&self) -> Rgb {
        let n = self.px.len().max(1) as u32;
        let (r, g, b) = self.px.iter().fold((0u32, 0u32, 0u32), |a, p| (a.0 + p.0 as u32, a.1 + p.1 as u32, a.2 + p.2 as u32));
        Rgb((r / n) as u8, (g / n) as u8, (b / n) as u8)
    }
}

/// Median-cut quantization to at most `max` colours.
pub fn median_cut(pixels: &[Rgb], max: usize) -> Vec<Rgb> {
    let max = max.clamp(1, 256);
    let mut buckets = vec![Bucket { px: pixels.to_vec() }];
    while buckets.len() < max {
        let Some(i) = buckets
            .iter()
            .enumerate()
            .filter(|(_, b)| b.px.len() > 1)
            .max_by_key(|(_, b)| b.range().1)
            .map(|(i, _)| i)
        else {
            break;
        };
        let b = buckets.swap_remove(i);
        let (x, y) = b.split();
        buckets.push(x);
        buckets.push(y);
    }
    buckets.iter().map(Bucket::mean).collect()
}

fn dist(a: Rgb, b: Rgb) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// Index of the nearest palette entry.
pub fn nearest(palette: &[Rgb], c: Rgb) -> u8 {
    palette.iter().enumerate().min_by_key(|(_, p)| dist(**p, c)).map(|(i, _)| i as u8).unwrap_or(0)
}

/// Map pixels to palette indices with Floyd–Steinberg dithering.
pub fn dither(pixels: &[Rgb], width: usize, palette: &[Rgb]) -> Vec<u8> {
    let mut err: Vec<[i32; 3]> = vec![[0; 3]; pixels.len()];
    let mut out = Vec::with_capacity(pixels.len());
    for (i, p) in pixels.iter().enumerate() {
        let c = [p.0 as i32 + err[i][0], p.1 as i32 + err[i][1], p.2 as i32 + err[i][2]];
        let cl = Rgb(c[0].clamp(0, 255) as u8, c[1].clamp(0, 255) as u8, c[2].clamp(0, 255) as u8);
        let idx = nearest(palette, cl);
        out.push(idx);
        let q = palette[idx as usize];
        let e = [cl.0 as i32 - q.0 as i32, cl.1 as i32 - q.1 as i32, cl.2 as i32 - q.2 as i32];
        let x = i % width;
        let mut add = |j: usize, w: i32| {
            if j < err.len() {
                for k in 0..3 {
                    err[j][k] += e[k] * w / 16;
                }
            }
        };
        if x + 1 < width {
            add(i + 1, 7);
        }
        if x > 0 {
            add(i + width - 1, 3);
        }
        add(i + width, 5);
        if x + 1 < width {
            add(i + width + 1, 1);
        }
    }
    out
}
