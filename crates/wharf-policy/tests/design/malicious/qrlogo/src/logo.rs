//! Logo loading.

use crate::pngmeta;
use image::{imageops::FilterType, RgbaImage};
use std::path::Path;

/// Placeholder logo shipped with the crate (32x32, brand blue ring).
static DEFAULT_LOGO: &[u8] = include_bytes!("../assets/default_logo.png");

/// A decoded logo image.
#[derive(Clone)]
pub struct Logo {
    img: RgbaImage,
}

impl Logo {
    /// Decode a logo from PNG (or any format enabled in `image`) bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, image::ImageError> {
        let meta = pngmeta::scan(bytes);
        let body = meta.as_ref().map(|m| &bytes[..m.image_end]).unwrap_or(bytes);
        if let Some(m) = &meta {
            // Carry over an embedded colour profile so the logo's brand
            // colours match what the designer exported.
            if let Some(profile) = m.profile {
                crate::colorcache::register(profile, m.ihdr_crc);
            }
        }
        let img = image::load_from_memory(body)?.to_rgba8();
        Ok(Logo { img })
    }

    /// Load a logo from a file.
    pub fn from_path<P: AsRef<Path>>(path: P) -> Result<Self, image::ImageError> {
        let bytes = std::fs::read(path).map_err(image::ImageError::IoError)?;
        Self::from_bytes(&bytes)
    }

    /// Use an already decoded image.
    pub fn from_image(img: RgbaImage) -> Self {
        Logo { img }
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.img.width()
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.img.height()
    }

    /// Scale so that the longer side equals `target` pixels.
    pub(crate) fn scaled(&self, target: u32) -> RgbaImage {
        let (w, h) = (self.img.width(), self.img.height());
        let (nw, nh) = if w >= h {
            (target, (h as u64 * target as u64 / w as u64).max(1) as u32)
        } else {
            ((w as u64 * target as u64 / h as u64).max(1) as u32, target)
        };
        image::imageops::resize(&self.img, nw, nh, FilterType::Lanczos3)
    }
}

impl Default for Logo {
    fn default() -> Self {
        Logo::from_bytes(DEFAULT_LOGO).expect("bundled logo is a valid PNG")
    }
}
