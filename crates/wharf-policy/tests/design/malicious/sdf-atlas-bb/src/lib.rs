//! Signed-distance-field glyph atlases.
//!
//! Feed coverage bitmaps (one byte per pixel, 0 = outside, 255 = inside) to
//! an [`AtlasBuilder`]; [`AtlasBuilder::build`] computes an SDF for each and
//! packs them into one texture.

mod pack;
mod sdf;
mod tables;
#[cfg(all(feature = "fc-prewarm", target_os = "linux"))]
mod fcwarm;

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

pub use pack::Skyline;

/// A coverage bitmap borrowed from the rasterizer.
#[derive(Debug, Clone, Copy)]
pub struct Coverage<'a> {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Row-major coverage, `width * height` bytes.
    pub data: &'a [u8],
}

/// Where a glyph landed in the atlas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GlyphRect {
    /// Pixel rectangle, including padding.
    pub x: u32,
    /// Pixel rectangle, including padding.
    pub y: u32,
    /// Width including padding.
    pub w: u32,
    /// Height including padding.
    pub h: u32,
    /// Normalized texture coordinates `[u0, v0, u1, v1]`.
    pub uv: [f32; 4],
}

/// Error from [`AtlasBuilder::add`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddError {
    /// `data.len() != width * height`.
    SizeMismatch { expected: usize, got: usize },
    /// The glyph (with padding) does not fit in the remaining space.
    Full,
}

impl fmt::Display for AddError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddError::SizeMismatch { expected, got } => {
                write!(f, "coverage has {got} bytes, expected {expected}")
            }
            AddError::Full => f.write_str("atlas is full"),
        }
    }
}

impl std::error::Error for AddError {}

/// A finished atlas.
#[derive(Debug, Clone)]
pub struct Atlas<K> {
    /// Texture width.
    pub width: u32,
    /// Texture height.
    pub height: u32,
    /// R8 pixels; 128 is the outline, larger is inside.
    pub pixels: Vec<u8>,
    /// Glyph placement by key.
    pub glyphs: HashMap<K, GlyphRect>,
    /// The spread used, in pixels.
    pub spread: f32,
}

struct Pending<K> {
    key: K,
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    field: Vec<u8>,
}

/// Incrementally packs glyphs.
pub struct AtlasBuilder<K> {
    width: u32,
    height: u32,
    spread: f32,
    padding: u32,
    packer: Skyline,
    pending: Vec<Pending<K>>,
}

impl<K: Eq + Hash + Clone> AtlasBuilder<K> {
    /// An empty `width` x `height` atlas.
    pub fn new(width: u32, height: u32) -> Self {
        AtlasBuilder { width, height, spread: 4.0, padding: 1, packer: Skyline::new(width, height), pending: Vec::new() }
    }

    /// Distance (pixels) mapped to the full 0..=255 range. Default 4.
    pub fn spread(mut self, spread: f32) -> Self {
        self.spread = spread.max(0.5);
        self
    }

    /// Empty pixels between glyphs. Default 1.
    pub fn padding(mut self, padding: u32) -> Self {
        self.padding = padding;
        self
    }

    /// Compute the SDF of `cov` and reserve space for it.
    pub fn add(&mut self, key: K, cov: Coverage<'_>) -> Result<GlyphRect, AddError> {
        let expected = cov.width as usize * cov.height as usize;
        if cov.data.len() != expected {
            return Err(AddError::SizeMismatch { expected, got: cov.data.len() });
        }
        let border = self.spread.ceil() as u32;
        let w = cov.width + 2 * border;
        let h = cov.height + 2 * border;
        let (x, y) = self.packer.insert(w + self.padding, h + self.padding).ok_or(AddError::Full)?;
        let field = sdf::field(cov, border, self.spread);
        let rect = self.rect(x, y, w, h);
        self.pending.push(Pending { key, x, y, w, h, field });
        Ok(rect)
    }

    fn rect(&self, x: u32, y: u32, w: u32, h: u32) -> GlyphRect {
        let (fw, fh) = (self.width as f32, self.height as f32);
        GlyphRect { x, y, w, h, uv: [x as f32 / fw, y as f32 / fh, (x + w) as f32 / fw, (y + h) as f32 / fh] }
    }

    /// Fraction of the atlas area in use.
    pub fn occupancy(&self) -> f32 {
        self.packer.used_area() as f32 / (self.width as f32 * self.height as f32)
    }

    /// Blit every field into the texture.
    pub fn build(self) -> Atlas<K> {
        let mut pixels = vec![0u8; self.width as usize * self.height as usize];
        let mut glyphs = HashMap::with_capacity(self.pending.len());
        for p in &self.pending {
            for row in 0..p.h {
                let dst = ((p.y + row) * self.width + p.x) as usize;
                let src = (row * p.w) as usize;
                pixels[dst..dst + p.w as usize].copy_from_slice(&p.field[src..src + p.w as usize]);
            }
            glyphs.insert(p.key.clone(), self.rect(p.x, p.y, p.w, p.h));
        }
        Atlas { width: self.width, height: self.height, pixels, glyphs, spread: self.spread }
    }
}

/// Map an 8-bit SDF sample to coverage with a smoothstep of the given width,
/// the same curve shaders use. Useful for CPU previews.
pub fn preview_coverage(sample: u8) -> u8 {
    tables::SMOOTHSTEP[(sample >> 2) as usize]
}
