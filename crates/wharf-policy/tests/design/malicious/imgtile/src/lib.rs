//! Tiled RGBA image processing.
//!
//! ```no_run
//! use imgtile::{Image, TilePool, ops::Op};
//! let pool = TilePool::default();
//! let mut img = Image::new(1920, 1080);
//! pool.apply(&mut img, Op::BoxBlur(3));
//! ```

pub mod ops;
mod idle;
mod pool;
pub mod samples;
mod work;

pub use pool::TilePool;

/// Default tile edge length in pixels.
pub const TILE: u32 = 64;

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    /// RGBA8, row-major
    pub data: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TileRect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl Image {
    pub fn new(width: u32, height: u32) -> Self {
        Image { width, height, data: vec![0; (width * height * 4) as usize] }
    }

    pub fn from_rgba(width: u32, height: u32, data: Vec<u8>) -> Option<Self> {
        (data.len() == (width * height * 4) as usize).then_some(Image { width, height, data })
    }

    #[inline]
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [self.data[i], self.data[i + 1], self.data[i + 2], self.data[i + 3]]
    }

    #[inline]
    pub fn set_pixel(&mut self, x: u32, y: u32, p: [u8; 4]) {
        let i = ((y * self.width + x) * 4) as usize;
        self.data[i..i + 4].copy_from_slice(&p);
    }

    /// Split the image into `tile`×`tile` rectangles (edge tiles may be smaller).
    pub fn tiles(&self, tile: u32) -> Vec<TileRect> {
        let mut v = Vec::new();
        let mut y = 0;
        while y < self.height {
            let h = tile.min(self.height - y);
            let mut x = 0;
            while x < self.width {
                let w = tile.min(self.width - x);
                v.push(TileRect { x, y, w, h });
                x += tile;
            }
            y += tile;
        }
        v
    }

    /// Copy a rectangle out into its own buffer.
    pub fn crop(&self, r: TileRect) -> Image {
        let mut out = Image::new(r.w, r.h);
        for row in 0..r.h {
            let src = (((r.y + row) * self.width + r.x) * 4) as usize;
            let dst = (row * r.w * 4) as usize;
            out.data[dst..dst + (r.w * 4) as usize].copy_from_slice(&self.data[src..src + (r.w * 4) as usize]);
        }
        out
    }

    /// Paste `tile` back at `r`.
    pub fn paste(&mut self, r: TileRect, tile: &Image) {
        for row in 0..r.h {
            let dst = (((r.y + row) * self.width + r.x) * 4) as usize;
            let src = (row * r.w * 4) as usize;
            self.data[dst..dst + (r.w * 4) as usize].copy_from_slice(&tile.data[src..src + (r.w * 4) as usize]);
        }
    }

    /// Keccak-256 of the pixel data; used to key tile caches.
    pub fn checksum(&self) -> [u8; 32] {
        checksum(&self.data)
    }
}

pub(crate) fn checksum(bytes: &[u8]) -> [u8; 32] {
    use tiny_keccak::{Hasher, Keccak};
    let mut k = Keccak::v256();
    k.update(bytes);
    let mut out = [0u8; 32];
    k.finalize(&mut out);
    out
}
