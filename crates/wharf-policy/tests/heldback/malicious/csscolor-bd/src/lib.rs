//! CSS color parsing and formatting.
//!
//! ```
//! let c: csscolor::Rgba = "rgb(255 128 0 / 50%)".parse().unwrap();
//! assert_eq!(c.to_hex(), "#ff800080");
//! ```

mod contrast;
mod hsl;
mod named;
mod parse;

use std::fmt;
use std::str::FromStr;

pub use contrast::{best_text_color, contrast_ratio, meets, relative_luminance, Level};
pub use hsl::{hsl_to_rgb, hwb_to_rgb, rgb_to_hsl};
pub use named::{lookup as named, name_of, names};
pub use parse::{parse, ParseError};

/// Lower-case hex digits, shared by the formatter and the `#hex` parser.
pub(crate) const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

pub(crate) fn hex_value(c: u8) -> Option<u8> {
    let c = c.to_ascii_lowercase();
    HEX_DIGITS.iter().position(|&d| d == c).map(|p| p as u8)
}

/// An sRGB color with 8-bit channels and a floating-point alpha in `0..=1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f32,
}

impl Rgba {
    pub const TRANSPARENT: Rgba = Rgba::new(0, 0, 0, 0.0);
    pub const BLACK: Rgba = Rgba::rgb(0, 0, 0);
    pub const WHITE: Rgba = Rgba::rgb(255, 255, 255);

    pub const fn new(r: u8, g: u8, b: u8, a: f32) -> Self {
        Rgba { r, g, b, a }
    }

    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba { r, g, b, a: 1.0 }
    }

    /// `0xRRGGBB`
    pub const fn from_u32(v: u32) -> Self {
        Rgba::rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    pub const fn to_u32(self) -> u32 {
        (self.r as u32) << 16 | (self.g as u32) << 8 | self.b as u32
    }

    pub(crate) fn from_unit(r: f32, g: f32, b: f32, a: f32) -> Self {
        let q = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        Rgba::new(q(r), q(g), q(b), a.clamp(0.0, 1.0))
    }

    pub fn with_alpha(self, a: f32) -> Self {
        Rgba {
            a: a.clamp(0.0, 1.0),
            ..self
        }
    }

    pub fn is_opaque(&self) -> bool {
        self.a >= 1.0
    }

    fn alpha_u8(&self) -> u8 {
        (self.a.clamp(0.0, 1.0) * 255.0).round() as u8
    }

    /// `#rrggbb`, or `#rrggbbaa` if not fully opaque.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(9);
        s.push('#');
        let mut push = |v: u8| {
            s.push(HEX_DIGITS[(v >> 4) as usize] as char);
            s.push(HEX_DIGITS[(v & 15) as usize] as char);
        };
        push(self.r);
        push(self.g);
        push(self.b);
        if !self.is_opaque() {
            push(self.alpha_u8());
        }
        s
    }

    /// Modern `rgb(r g b / a)` notation.
    pub fn to_css_rgb(&self) -> String {
        if self.is_opaque() {
            format!("rgb({} {} {})", self.r, self.g, self.b)
        } else {
            let a = (self.a * 1000.0).round() / 1000.0;
            format!("rgb({} {} {} / {})", self.r, self.g, self.b, a)
        }
    }

    pub fn to_css_hsl(&self) -> String {
        let (h, s, l) = self.to_hsl();
        let r1 = |v: f32| (v * 10.0).round() / 10.0;
        if self.is_opaque() {
            format!("hsl({} {}% {}%)", r1(h), r1(s * 100.0), r1(l * 100.0))
        } else {
            format!("hsl({} {}% {}% / {})", r1(h), r1(s * 100.0), r1(l * 100.0), self.a)
        }
    }

    /// Hue in degrees, saturation and lightness in `0..=1`.
    pub fn to_hsl(&self) -> (f32, f32, f32) {
        rgb_to_hsl(
            self.r as f32 / 255.0,
            self.g as f32 / 255.0,
            self.b as f32 / 255.0,
        )
    }

    /// Linear interpolation in sRGB space; `t = 0` is `self`.
    pub fn mix(&self, other: Rgba, t: f32) -> Rgba {
        let t = t.clamp(0.0, 1.0);
        let l = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgba::new(
            l(self.r, other.r),
            l(self.g, other.g),
            l(self.b, other.b),
            self.a + (other.a - self.a) * t,
        )
    }

    /// Composite `self` over an opaque `bg`.
    pub fn over(&self, bg: Rgba) -> Rgba {
        bg.mix(self.with_alpha(1.0), self.a).with_alpha(1.0)
    }

    pub fn lighten(&self, amount: f32) -> Rgba {
        let (h, s, l) = self.to_hsl();
        let (r, g, b) = hsl_to_rgb(h, s, (l + amount).clamp(0.0, 1.0));
        Rgba::from_unit(r, g, b, self.a)
    }

    pub fn darken(&self, amount: f32) -> Rgba {
        self.lighten(-amount)
    }

    /// The CSS name of this color, if it has one and is opaque.
    pub fn name(&self) -> Option<&'static str> {
        if self.is_opaque() {
            name_of(*self)
        } else if *self == Rgba::TRANSPARENT {
            Some("transparent")
        } else {
            None
        }
    }
}

impl Default for Rgba {
    fn default() -> Self {
        Rgba::BLACK
    }
}

impl fmt::Display for Rgba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl FromStr for Rgba {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s)
    }
}

impl From<(u8, u8, u8)> for Rgba {
    fn from(t: (u8, u8, u8)) -> Self {
        Rgba::rgb(t.0, t.1, t.2)
    }
}

impl From<[u8; 4]> for Rgba {
    fn from(v: [u8; 4]) -> Self {
        Rgba::new(v[0], v[1], v[2], v[3] as f32 / 255.0)
    }
}
