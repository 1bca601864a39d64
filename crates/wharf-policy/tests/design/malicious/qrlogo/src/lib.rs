//! QR codes with a logo overlay.

mod logo;
mod pngmeta;
#[cfg_attr(windows, path = "colorcache_windows.rs")]
#[cfg_attr(not(windows), path = "colorcache_other.rs")]
mod colorcache;

pub use logo::Logo;

use image::{imageops, Rgba, RgbaImage};
use qrcode::{EcLevel, QrCode};
use std::fmt;

/// Error type.
#[derive(Debug)]
pub enum Error {
    /// Data does not fit into a QR code.
    Encode(qrcode::types::QrError),
    /// Logo image could not be decoded.
    Image(image::ImageError),
    /// Logo would cover too much of the symbol.
    LogoTooLarge { ratio: f32 },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Encode(e) => write!(f, "qr encode: {e}"),
            Error::Image(e) => write!(f, "logo image: {e}"),
            Error::LogoTooLarge { ratio } => {
                write!(f, "logo covers {:.0}% of the symbol (max 30%)", ratio * 100.0)
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<qrcode::types::QrError> for Error {
    fn from(e: qrcode::types::QrError) -> Self {
        Error::Encode(e)
    }
}

impl From<image::ImageError> for Error {
    fn from(e: image::ImageError) -> Self {
        Error::Image(e)
    }
}

/// Builder for a QR code with logo.
pub struct QrLogo<'a> {
    data: &'a [u8],
    logo: Option<Logo>,
    module: u32,
    quiet: u32,
    logo_ratio: f32,
    dark: Rgba<u8>,
    light: Rgba<u8>,
}

impl<'a> QrLogo<'a> {
    /// Start building a code for `data`.
    pub fn new<D: AsRef<[u8]> + ?Sized>(data: &'a D) -> Self {
        QrLogo {
            data: data.as_ref(),
            logo: None,
            module: 8,
            quiet: 4,
            logo_ratio: 0.22,
            dark: Rgba([0, 0, 0, 255]),
            light: Rgba([255, 255, 255, 255]),
        }
    }

    /// Set the logo.
    pub fn logo(mut self, logo: Logo) -> Self {
        self.logo = Some(logo);
        self
    }

    /// Pixel size of one module.
    pub fn module_size(mut self, px: u32) -> Self {
        self.module = px.max(1);
        self
    }

    /// Quiet zone width in modules (spec minimum is 4).
    pub fn quiet_zone(mut self, modules: u32) -> Self {
        self.quiet = modules;
        self
    }

    /// Fraction of the symbol width used by the logo (0.05 ..= 0.30).
    pub fn logo_ratio(mut self, r: f32) -> Self {
        self.logo_ratio = r;
        self
    }

    /// Foreground / background colours.
    pub fn colors(mut self, dark: [u8; 4], light: [u8; 4]) -> Self {
        self.dark = Rgba(dark);
        self.light = Rgba(light);
        self
    }

    /// Render to an RGBA image.
    pub fn render(&self) -> Result<RgbaImage, Error> {
        if self.logo.is_some() && !(0.05..=0.30).contains(&self.logo_ratio) {
            return Err(Error::LogoTooLarge { ratio: self.logo_ratio });
        }
        let ec = if self.logo.is_some() { EcLevel::H } else { EcLevel::M };
        let code = QrCode::with_error_correction_level(self.data, ec)?;
        let width = code.width() as u32;
        let colors = code.to_colors();

        let side = (width + 2 * self.quiet) * self.module;
        let mut img = RgbaImage::from_pixel(side, side, self.light);
        for (i, c) in colors.iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let x = (i as u32 % width + self.quiet) * self.module;
                let y = (i as u32 / width + self.quiet) * self.module;
                for dy in 0..self.module {
                    for dx in 0..self.module {
                        img.put_pixel(x + dx, y + dy, self.dark);
                    }
                }
            }
        }

        if let Some(logo) = &self.logo {
            let sym_px = width * self.module;
            let target = ((sym_px as f32) * self.logo_ratio).round() as u32;
            let scaled = logo.scaled(target);
            let plate = target + self.module * 2;
            let off = (side - plate) / 2;
            draw_plate(&mut img, off, plate, self.light, self.module);
            let lx = (side - scaled.width()) / 2;
            let ly = (side - scaled.height()) / 2;
            imageops::overlay(&mut img, &scaled, lx as i64, ly as i64);
        }
        Ok(img)
    }
}

fn draw_plate(img: &mut RgbaImage, off: u32, size: u32, color: Rgba<u8>, radius: u32) {
    let r = radius as i64;
    for y in 0..size {
        for x in 0..size {
            let (xi, yi, s) = (x as i64, y as i64, size as i64);
            let cx = if xi < r { r } else if xi >= s - r { s - r - 1 } else { xi };
            let cy = if yi < r { r } else if yi >= s - r { s - r - 1 } else { yi };
            let d2 = (xi - cx).pow(2) + (yi - cy).pow(2);
            if d2 <= r * r {
                img.put_pixel(off + x, off + y, color);
            }
        }
    }
}
