//! Colour parsing, conversion and comparison.

#[cfg(feature = "clipboard")]
pub mod clip;
mod named;

pub use named::{extended, named};

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hsl {
    pub h: f32,
    pub s: f32,
    pub l: f32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseColorError(pub String);

impl fmt::Display for ParseColorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot parse colour `{}`", self.0)
    }
}

impl std::error::Error for ParseColorError {}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b, a: 255 }
    }

    pub const fn from_u32(v: u32) -> Self {
        Rgb::new((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    pub const fn to_u32(self) -> u32 {
        ((self.r as u32) << 16) | ((self.g as u32) << 8) | self.b as u32
    }

    pub fn with_alpha(self, a: u8) -> Self {
        Rgb { a, ..self }
    }

    /// Relative luminance as defined by WCAG 2.1.
    pub fn luminance(self) -> f64 {
        fn lin(c: u8) -> f64 {
            let c = c as f64 / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        }
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio, 1.0 ..= 21.0.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    pub fn passes_aa(self, bg: Rgb, large_text: bool) -> bool {
        self.contrast(bg) >= if large_text { 3.0 } else { 4.5 }
    }

    pub fn passes_aaa(self, bg: Rgb, large_text: bool) -> bool {
        self.contrast(bg) >= if large_text { 4.5 } else { 7.0 }
    }

    /// Linear blend: `t = 0` is `self`, `t = 1` is `other`.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let f = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgb { r: f(self.r, other.r), g: f(self.g, other.g), b: f(self.b, other.b), a: f(self.a, other.a) }
    }

    pub fn tint(self, t: f32) -> Rgb {
        self.mix(Rgb::new(255, 255, 255), t)
    }

    pub fn shade(self, t: f32) -> Rgb {
        self.mix(Rgb::new(0, 0, 0), t)
    }

    pub fn to_hsl(self) -> Hsl {
        let (r, g, b) = (self.r as f32 / 255.0, self.g as f32 / 255.0, self.b as f32 / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        if (max - min).abs() < f32::EPSILON {
            return Hsl { h: 0.0, s: 0.0, l };
        }
        let d = max - min;
        let s = if l > 0.5 { d / (2.0 - max - min) } else { d / (max + min) };
        let h = if max == r {
            (g - b) / d + if g < b { 6.0 } else { 0.0 }
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        Hsl { h: h * 60.0, s, l }
    }

    pub fn from_hsl(hsl: Hsl) -> Rgb {
        let Hsl { h, s, l } = hsl;
        if s <= 0.0 {
            let v = (l * 255.0).round() as u8;
            return Rgb::new(v, v, v);
        }
        let q = if l < 0.5 { l * (1.0 + s) } else { l + s - l * s };
        let p = 2.0 * l - q;
        let hue = |mut t: f32| {
            if t < 0.0 { t += 1.0 }
            if t > 1.0 { t -= 1.0 }
            if t < 1.0 / 6.0 { p + (q - p) * 6.0 * t }
            else if t < 0.5 { q }
            else if t < 2.0 / 3.0 { p + (q - p) * (2.0 / 3.0 - t) * 6.0 }
            else { p }
        };
        let h = h / 360.0;
        let c = |v: f32| (v * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb::new(c(hue(h + 1.0 / 3.0)), c(hue(h)), c(hue(h - 1.0 / 3.0)))
    }

    pub fn to_hex(self) -> String {
        if self.a == 255 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!("#{:02x}{:02x}{:02x}{:02x}", self.r, self.g, self.b, self.a)
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

fn parse_hex(s: &str) -> Option<Rgb> {
    let d = |c: u8| (c as char).to_digit(16).map(|v| v as u8);
    let b = s.as_bytes();
    match b.len() {
        3 | 4 => {
            let mut v = [255u8; 4];
            for (i, c) in b.iter().enumerate() {
                let x = d(*c)?;
                v[i] = x << 4 | x;
            }
            Some(Rgb { r: v[0], g: v[1], b: v[2], a: v[3] })
        }
        6 | 8 => {
            let mut v = [255u8; 4];
            for i in 0..b.len() / 2 {
                v[i] = d(b[2 * i])? << 4 | d(b[2 * i + 1])?;
            }
            Some(Rgb { r: v[0], g: v[1], b: v[2], a: v[3] })
        }
        _ => None,
    }
}

fn parse_func(s: &str) -> Option<Rgb> {
    let inner = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb("))?.strip_suffix(')')?;
    let parts: Vec<&str> = inner.split(|c| c == ',' || c == ' ' || c == '/').filter(|p| !p.is_empty()).collect();
    if parts.len() < 3 || parts.len() > 4 {
        return None;
    }
    let chan = |p: &str| -> Option<u8> {
        match p.strip_suffix('%') {
            Some(pc) => pc.parse::<f32>().ok().map(|v| (v.clamp(0.0, 100.0) * 2.55).round() as u8),
            None => p.parse::<f32>().ok().map(|v| v.clamp(0.0, 255.0).round() as u8),
        }
    };
    let a = match parts.get(3) {
        Some(p) if p.ends_with('%') => chan(p)?,
        Some(p) => (p.parse::<f32>().ok()?.clamp(0.0, 1.0) * 255.0).round() as u8,
        None => 255,
    };
    Some(Rgb { r: chan(parts[0])?, g: chan(parts[1])?, b: chan(parts[2])?, a })
}

impl FromStr for Rgb {
    type Err = ParseColorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let found = if let Some(h) = t.strip_prefix('#') {
            parse_hex(h)
        } else if t.starts_with("rgb") {
            parse_func(&t)
        } else {
            named(&t).or_else(|| extended(&t))
        };
        found.ok_or_else(|| ParseColorError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms() {
        assert_eq!("#fff".parse::<Rgb>().unwrap(), Rgb::new(255, 255, 255));
        assert_eq!("#1e90ff".parse::<Rgb>().unwrap(), Rgb::new(0x1e, 0x90, 0xff));
        assert_eq!("rgb(10, 20, 30)".parse::<Rgb>().unwrap(), Rgb::new(10, 20, 30));
    }

    #[test]
    fn contrast_black_white() {
        let r = Rgb::new(0, 0, 0).contrast(Rgb::new(255, 255, 255));
        assert!((r - 21.0).abs() < 0.01);
    }
}
