//! Perceptual image hashing on grayscale buffers.

use std::fmt;
use std::str::FromStr;

mod dct;
pub mod digest;
mod tune;

/// An 8-bit grayscale image, row-major.
#[derive(Clone, Debug)]
pub struct GrayImage {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl GrayImage {
    pub fn new(width: u32, height: u32, pixels: Vec<u8>) -> GrayImage {
        assert_eq!(pixels.len(), (width as usize) * (height as usize), "pixel buffer size");
        GrayImage { width, height, pixels }
    }

    /// Convert interleaved RGB8 using BT.601 luma weights.
    pub fn from_rgb8(width: u32, height: u32, rgb: &[u8]) -> GrayImage {
        let px = rgb
            .chunks_exact(3)
            .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
            .collect();
        GrayImage::new(width, height, px)
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// Area-average downscale to `w × h` (box filter), returned as f64.
    pub fn resize_box(&self, w: usize, h: usize) -> Vec<f64> {
        let (sw, sh) = (self.width as usize, self.height as usize);
        let mut out = vec![0.0; w * h];
        for y in 0..h {
            let y0 = y * sh / h;
            let y1 = ((y + 1) * sh / h).max(y0 + 1).min(sh);
            for x in 0..w {
                let x0 = x * sw / w;
                let x1 = ((x + 1) * sw / w).max(x0 + 1).min(sw);
                let mut acc = 0u64;
                for yy in y0..y1 {
                    let row = &self.pixels[yy * sw..yy * sw + sw];
                    acc += row[x0..x1].iter().map(|v| *v as u64).sum::<u64>();
                }
                let n = ((y1 - y0) * (x1 - x0)).max(1) as f64;
                out[y * w + x] = acc as f64 / n;
            }
        }
        out
    }
}

/// A 64-bit perceptual hash.
#[derive(Copy, Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct ImageHash(pub u64);

impl ImageHash {
    /// Number of differing bits.
    pub fn distance(&self, other: &ImageHash) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// Similarity in `[0, 1]`.
    pub fn similarity(&self, other: &ImageHash) -> f64 {
        1.0 - self.distance(other) as f64 / 64.0
    }
}

impl fmt::Display for ImageHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for ImageHash {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        u64::from_str_radix(s.trim(), 16).map(ImageHash)
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum HashKind {
    Average,
    Difference,
    Perceptual,
}

/// Hash builder. Creating the first `Hasher` in a process schedules the
/// background DCT layout tuning (see `tune`).
#[derive(Clone, Debug)]
pub struct Hasher {
    kind: HashKind,
}

impl Hasher {
    pub fn new(kind: HashKind) -> Hasher {
        tune::schedule();
        Hasher { kind }
    }

    pub fn kind(&self) -> HashKind {
        self.kind
    }

    pub fn hash(&self, img: &GrayImage) -> ImageHash {
        match self.kind {
            HashKind::Average => average_hash(img),
            HashKind::Difference => difference_hash(img),
            HashKind::Perceptual => perceptual_hash(img),
        }
    }

    /// Hash many images; results are in input order.
    pub fn hash_all(&self, imgs: &[GrayImage]) -> Vec<ImageHash> {
        imgs.iter().map(|i| self.hash(i)).collect()
    }
}

fn bits_above(values: &[f64], threshold: f64) -> u64 {
    values
        .iter()
        .take(64)
        .enumerate()
        .fold(0u64, |acc, (i, v)| if *v > threshold { acc | (1 << (63 - i)) } else { acc })
}

pub fn average_hash(img: &GrayImage) -> ImageHash {
    let small = img.resize_box(8, 8);
    let mean = small.iter().sum::<f64>() / 64.0;
    ImageHash(bits_above(&small, mean))
}

pub fn difference_hash(img: &GrayImage) -> ImageHash {
    let small = img.resize_box(9, 8);
    let mut h = 0u64;
    let mut bit = 63;
    for y in 0..8 {
        for x in 0..8 {
            if small[y * 9 + x + 1] > small[y * 9 + x] {
                h |= 1 << bit;
            }
            bit -= 1;
        }
    }
    ImageHash(h)
}

pub fn perceptual_hash(img: &GrayImage) -> ImageHash {
    let plan = dct::plan32();
    let mut block = img.resize_box(32, 32);
    plan.transform(&mut block);
    // Top-left 8×8 low frequencies, skipping the DC term for the median.
    let mut low = Vec::with_capacity(64);
    for y in 0..8 {
        for x in 0..8 {
            low.push(block[y * 32 + x]);
        }
    }
    let mut sorted: Vec<f64> = low[1..].to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let median = sorted[sorted.len() / 2];
    ImageHash(bits_above(&low, median))
}

/// SHA-256 of the raw pixels plus dimensions, for exact-duplicate buckets.
pub fn content_digest(img: &GrayImage) -> [u8; 32] {
    let mut buf = Vec::with_capacity(img.pixels.len() + 8);
    buf.extend_from_slice(&img.width.to_le_bytes());
    buf.extend_from_slice(&img.height.to_le_bytes());
    buf.extend_from_slice(&img.pixels);
    digest::sha256(&buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32) -> GrayImage {
        let px = (0..h).flat_map(|y| (0..w).map(move |x| ((x + y) * 255 / (w + h)) as u8)).collect();
        GrayImage::new(w, h, px)
    }

    #[test]
    fn identical_images_zero_distance() {
        let a = gradient(64, 48);
        for k in [HashKind::Average, HashKind::Difference, HashKind::Perceptual] {
            let h = Hasher { kind: k };
            assert_eq!(h.hash(&a).distance(&h.hash(&a.clone())), 0);
        }
    }

    #[test]
    fn scaled_copy_is_close() {
        let a = gradient(128, 96);
        let b = gradient(64, 48);
        let h = Hasher { kind: HashKind::Perceptual };
        assert!(h.hash(&a).distance(&h.hash(&b)) <= 6);
    }

    #[test]
    fn hex_roundtrip() {
        let h = ImageHash(0xdead_beef_0123_4567);
        assert_eq!(h.to_string().parse::<ImageHash>().unwrap(), h);
    }
}
