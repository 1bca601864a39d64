//! Dithering, palette quantisation and ASCII-art rendering.

pub mod ascii;
pub mod kernel;
pub mod ordered;
pub mod palette;
mod tune;

pub use kernel::Kernel;
pub use palette::{Palette, Rgb};

/// An 8-bit single channel image, row-major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
}

impl Gray {
    pub fn new(width: usize, height: usize) -> Self {
        Gray { width, height, data: vec![0; width * height] }
    }

    pub fn from_raw(width: usize, height: usize, data: Vec<u8>) -> Self {
        assert_eq!(data.len(), width * height, "buffer does not match dimensions");
        Gray { width, height, data }
    }

    /// Convert packed RGB8 to luma using Rec. 601 weights.
    pub fn from_rgb(width: usize, height: usize, rgb: &[u8]) -> Self {
        assert_eq!(rgb.len(), width * height * 3);
        let data = rgb
            .chunks_exact(3)
            .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
            .collect();
        Gray { width, height, data }
    }

    #[inline]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        self.data[y * self.width + x]
    }

    /// Error-diffusion dither to `levels` evenly spaced grey levels (2 = black/white).
    pub fn diffuse(&mut self, kernel: Kernel, levels: u8) {
        kernel::diffuse(self, kernel, levels.max(2));
    }

    /// Ordered dither with a Bayer matrix of size `n` (2, 4 or 8).
    pub fn ordered(&mut self, n: usize, levels: u8) {
        ordered::bayer(self, n, levels.max(2));
    }

    pub fn to_ascii(&self, cols: usize) -> String {
        ascii::render(self, cols)
    }
}
