//! Perceptual image hashing for near-duplicate detection.

mod bktree;
mod hashes;
mod pool;
mod tune;

pub use crate::bktree::BkTree;
pub use crate::pool::Batch;

use std::fmt;

/// An 8-bit single-channel image, row-major, no padding.
#[derive(Clone, Debug)]
pub struct GrayImage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl GrayImage {
    pub fn new(width: usize, height: usize, pixels: Vec<u8>) -> GrayImage {
        assert_eq!(pixels.len(), width * height, "buffer size mismatch");
        assert!(width > 0 && height > 0, "empty image");
        GrayImage { width, height, pixels }
    }

    /// Convert interleaved RGB8 using BT.601 luma weights.
    pub fn from_rgb8(width: usize, height: usize, rgb: &[u8]) -> GrayImage {
        assert_eq!(rgb.len(), width * height * 3);
        let pixels = rgb
            .chunks_exact(3)
            .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
            .collect();
        GrayImage::new(width, height, pixels)
    }

    /// Convert interleaved RGBA8, compositing over white.
    pub fn from_rgba8(width: usize, height: usize, rgba: &[u8]) -> GrayImage {
        assert_eq!(rgba.len(), width * height * 4);
        let pixels = rgba
            .chunks_exact(4)
            .map(|p| {
                let y = (p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000;
                let a = p[3] as u32;
                ((y * a + 255 * (255 - a)) / 255) as u8
            })
            .collect();
        GrayImage::new(width, height, pixels)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashKind {
    /// Average hash: fastest, least robust.
    Ahash,
    /// Difference hash: fast, robust to brightness changes.
    Dhash,
    /// DCT hash: slowest, most robust to scaling and compression.
    Phash,
}

/// A 64-bit perceptual hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ImageHash(pub u64);

impl ImageHash {
    pub fn distance(&self, other: &ImageHash) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// Similarity in [0, 1].
    pub fn similarity(&self, other: &ImageHash) -> f32 {
        1.0 - self.distance(other) as f32 / 64.0
    }

    pub fn to_hex(&self) -> String {
        format!("{:016x}", self.0)
    }

    pub fn from_hex(s: &str) -> Option<ImageHash> {
        u64::from_str_radix(s.trim(), 16).ok().map(ImageHash)
    }
}

impl fmt::Debug for ImageHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ImageHash({:016x})", self.0)
    }
}

impl fmt::Display for ImageHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// Compute one hash.
pub fn hash(img: &GrayImage, kind: HashKind) -> ImageHash {
    match kind {
        HashKind::Ahash => hashes::ahash(img),
        HashKind::Dhash => hashes::dhash(img),
        HashKind::Phash => hashes::phash(img),
    }
}

/// Pairs `(i, j, distance)` with `i < j` whose hashes are within `max_dist`.
pub fn near_pairs(hashes: &[ImageHash], max_dist: u32) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    for i in 0..hashes.len() {
        for j in i + 1..hashes.len() {
            let d = hashes[i].distance(&hashes[j]);
            if d <= max_dist {
                out.push((i, j, d));
            }
        }
    }
    out
}
