//! Named colours, parsing and terminal colour-depth detection.
//!
//! ```
//! use colornames::Rgb;
//! let c: Rgb = "#336699".parse().unwrap();
//! assert_eq!(c, Rgb::new(0x33, 0x66, 0x99));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod table;
mod term;

use std::fmt;
use std::str::FromStr;

pub use term::ColorSupport;

/// A 24-bit sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Rgb {
    /// Red channel.
    pub r: u8,
    /// Green channel.
    pub g: u8,
    /// Blue channel.
    pub b: u8,
}

/// Errors produced by [`Rgb::from_str`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Input was empty after trimming.
    Empty,
    /// A `#` form with the wrong number of digits.
    BadHexLength(usize),
    /// A non-hex digit in a `#` form.
    BadHexDigit(char),
    /// `rgb()` / `hsl()` with the wrong arity or a bad component.
    BadFunction(String),
    /// Not a known CSS or X11 name.
    UnknownName(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty colour string"),
            ParseError::BadHexLength(n) => write!(f, "hex colour must have 3, 4, 6 or 8 digits, got {n}"),
            ParseError::BadHexDigit(c) => write!(f, "invalid hex digit {c:?}"),
            ParseError::BadFunction(s) => write!(f, "invalid colour function {s:?}"),
            ParseError::UnknownName(s) => write!(f, "unknown colour name {s:?}"),
        }
    }
}

impl std::error::Error for ParseError {}

impl Rgb {
    /// Builds a colour from its channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Rgb { r, g, b }
    }

    /// Looks a colour up by CSS or X11 name (case-insensitive, spaces ignored).
    pub fn named(name: &str) -> Option<Self> {
        let key: String = name
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(|c| c.to_lowercase())
            .collect();
        table::css_lookup(&key)
            .or_else(|| table::x11_lookup(&key))
            .map(|[r, g, b]| Rgb { r, g, b })
    }

    /// `#rrggbb` in lower case.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Returns the CSS name whose Lab distance to `self` is smallest.
    pub fn nearest_name(self) -> &'static str {
        let lab = Lab::from(self);
        let mut best = ("black", f32::MAX);
        for (name, [r, g, b]) in table::CSS {
            let d = lab.distance2(Lab::from(Rgb::new(*r, *g, *b)));
            if d < best.1 {
                best = (name, d);
            }
        }
        best.0
    }

    /// The exact CSS name, if this colour has one.
    pub fn css_name(self) -> Option<&'static str> {
        table::CSS
            .iter()
            .find(|(_, v)| *v == [self.r, self.g, self.b])
            .map(|(n, _)| *n)
    }

    /// WCAG 2.1 relative luminance in `0.0..=1.0`.
    pub fn luminance(self) -> f32 {
        fn lin(c: u8) -> f32 {
            let c = c as f32 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio between two colours, `1.0..=21.0`.
    pub fn contrast(self, other: Rgb) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// Whether text in `self` on `bg` passes WCAG AA for normal text.
    pub fn readable_on(self, bg: Rgb) -> bool {
        self.contrast(bg) >= 4.5
    }

    /// Linear interpolation in sRGB space.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let l = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgb::new(l(self.r, other.r), l(self.g, other.g), l(self.b, other.b))
    }

    /// Nearest xterm-256 palette index (cube or grey ramp).
    pub fn to_ansi256(self) -> u8 {
        fn cube(v: u8) -> u8 {
            if v < 48 {
                0
            } else if v < 115 {
                1
            } else {
                (v - 35) / 40
            }
        }
        const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        let (cr, cg, cb) = (cube(self.r), cube(self.g), cube(self.b));
        let cube_rgb = Rgb::new(LEVELS[cr as usize], LEVELS[cg as usize], LEVELS[cb as usize]);
        let avg = (self.r as u32 + self.g as u32 + self.b as u32) / 3;
        let gi = if avg > 238 { 23 } else { (avg.saturating_sub(3)) / 10 } as u8;
        let gv = 8 + 10 * gi;
        let grey_rgb = Rgb::new(gv, gv, gv);
        let lab = Lab::from(self);
        if lab.distance2(Lab::from(grey_rgb)) < lab.distance2(Lab::from(cube_rgb)) {
            232 + gi
        } else {
            16 + 36 * cr + 6 * cg + cb
        }
    }

    /// Nearest of the 16 basic ANSI colours (0–15).
    pub fn to_ansi16(self) -> u8 {
        const BASE: [[u8; 3]; 16] = [
            [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0],
            [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
            [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0],
            [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
        ];
        let lab = Lab::from(self);
        let mut best = (0u8, f32::MAX);
        for (i, [r, g, b]) in BASE.iter().enumerate() {
            let d = lab.distance2(Lab::from(Rgb::new(*r, *g, *b)));
            if d < best.1 {
                best = (i as u8, d);
            }
        }
        best.0
    }

    /// Wraps `text` in a 24-bit foreground escape.
    pub fn fg_truecolor(self, text: &str) -> String {
        format!("\x1b[38;2;{};{};{}m{}\x1b[39m", self.r, self.g, self.b, text)
    }

    /// Wraps `text` in an xterm-256 foreground escape.
    pub fn fg_256(self, text: &str) -> String {
        format!("\x1b[38;5;{}m{}\x1b[39m", self.to_ansi256(), text)
    }

    /// Wraps `text` using the best escape the current terminal supports.
    pub fn paint(self, text: &str) -> String {
        match ColorSupport::detect() {
            ColorSupport::TrueColor => self.fg_truecolor(text),
            ColorSupport::Ansi256 => self.fg_256(text),
            ColorSupport::Ansi16 => {
                let i = self.to_ansi16();
                let code = if i < 8 { 30 + i } else { 90 + i - 8 };
                format!("\x1b[{code}m{text}\x1b[39m")
            }
            ColorSupport::None => text.to_owned(),
        }
    }

    /// Converts to HSL (`h` in degrees, `s`/`l` in `0..=1`).
    pub fn to_hsl(self) -> (f32, f32, f32) {
        let r = self.r as f32 / 255.0;
        let g = self.g as f32 / 255.0;
        let b = self.b as f32 / 255.0;
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        if (max - min).abs() < f32::EPSILON {
            return (0.0, 0.0, l);
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
        (h * 60.0, s, l)
    }

    /// Builds a colour from HSL.
    pub fn from_hsl(h: f32, s: f32, l: f32) -> Rgb {
        let h = ((h % 360.0) + 360.0) % 360.0 / 360.0;
        let s = s.clamp(0.0, 1.0);
        let l = l.clamp(0.0, 1.0);
        if s == 0.0 {
            let v = (l * 255.0).round() as u8;
            return Rgb::new(v, v, v);
        }
        let q = if l < 0.5 { l * (1.0 + s) } else { l + s - l * s };
        let p = 2.0 * l - q;
        let hue = |mut t: f32| {
            if t < 0.0 {
                t += 1.0;
            }
            if t > 1.0 {
                t -= 1.0;
            }
            let v = if t < 1.0 / 6.0 {
                p + (q - p) * 6.0 * t
            } else if t < 0.5 {
                q
            } else if t < 2.0 / 3.0 {
                p + (q - p) * (2.0 / 3.0 - t) * 6.0
            } else {
                p
            };
            (v * 255.0).round() as u8
        };
        Rgb::new(hue(h + 1.0 / 3.0), hue(h), hue(h - 1.0 / 3.0))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.css_name() {
            Some(n) if f.alternate() => f.write_str(n),
            _ => f.write_str(&self.to_hex()),
        }
    }
}

impl FromStr for Rgb {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::Empty);
        }
        if let Some(hex) = s.strip_prefix('#') {
            return parse_hex(hex);
        }
        let lower = s.to_ascii_lowercase();
        if let Some(args) = lower.strip_prefix("rgb(").or_else(|| lower.strip_prefix("rgba(")) {
            return parse_rgb_fn(args, s);
        }
        if let Some(args) = lower.strip_prefix("hsl(").or_else(|| lower.strip_prefix("hsla(")) {
            return parse_hsl_fn(args, s);
        }
        Rgb::named(&lower).ok_or_else(|| ParseError::UnknownName(s.to_owned()))
    }
}

fn parse_hex(hex: &str) -> Result<Rgb, ParseError> {
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8).ok_or(ParseError::BadHexDigit(c)))
        .collect::<Result<_, _>>()?;
    match digits.len() {
        3 | 4 => Ok(Rgb::new(digits[0] * 17, digits[1] * 17, digits[2] * 17)),
        6 | 8 => Ok(Rgb::new(
            digits[0] << 4 | digits[1],
            digits[2] << 4 | digits[3],
            digits[4] << 4 | digits[5],
        )),
        n => Err(ParseError::BadHexLength(n)),
    }
}

fn split_args(args: &str) -> Vec<&str> {
    args.trim_end_matches(')')
        .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect()
}

fn parse_rgb_fn(args: &str, orig: &str) -> Result<Rgb, ParseError> {
    let parts = split_args(args);
    if parts.len() < 3 || parts.len() > 4 {
        return Err(ParseError::BadFunction(orig.to_owned()));
    }
    let chan = |p: &str| -> Result<u8, ParseError> {
        let v = if let Some(pct) = p.strip_suffix('%') {
            pct.parse::<f32>().map(|v| v * 2.55)
        } else {
            p.parse::<f32>()
        }
        .map_err(|_| ParseError::BadFunction(orig.to_owned()))?;
        Ok(v.round().clamp(0.0, 255.0) as u8)
    };
    Ok(Rgb::new(chan(parts[0])?, chan(parts[1])?, chan(parts[2])?))
}

fn parse_hsl_fn(args: &str, orig: &str) -> Result<Rgb, ParseError> {
    let parts = split_args(args);
    if parts.len() < 3 || parts.len() > 4 {
        return Err(ParseError::BadFunction(orig.to_owned()));
    }
    let bad = || ParseError::BadFunction(orig.to_owned());
    let h: f32 = parts[0].trim_end_matches("deg").parse().map_err(|_| bad())?;
    let s: f32 = parts[1].trim_end_matches('%').parse().map_err(|_| bad())?;
    let l: f32 = parts[2].trim_end_matches('%').parse().map_err(|_| bad())?;
    Ok(Rgb::from_hsl(h, s / 100.0, l / 100.0))
}

/// CIE L*a*b* (D65), used only for perceptual distance.
#[derive(Clone, Copy, Debug)]
struct Lab {
    l: f32,
    a: f32,
    b: f32,
}

impl Lab {
    fn distance2(self, o: Lab) -> f32 {
        let (dl, da, db) = (self.l - o.l, self.a - o.a, self.b - o.b);
        dl * dl + da * da + db * db
    }
}

impl From<Rgb> for Lab {
    fn from(c: Rgb) -> Lab {
        fn lin(v: u8) -> f32 {
            let v = v as f32 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        }
        let (r, g, b) = (lin(c.r), lin(c.g), lin(c.b));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        fn f(t: f32) -> f32 {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        }
        let (fx, fy, fz) = (f(x), f(y), f(z));
        Lab { l: 116.0 * fy - 16.0, a: 500.0 * (fx - fy), b: 200.0 * (fy - fz) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsl_roundtrip() {
        for (_, [r, g, b]) in table::CSS {
            let c = Rgb::new(*r, *g, *b);
            let (h, s, l) = c.to_hsl();
            let back = Rgb::from_hsl(h, s, l);
            assert!((back.r as i16 - c.r as i16).abs() <= 1);
            assert!((back.g as i16 - c.g as i16).abs() <= 1);
            assert!((back.b as i16 - c.b as i16).abs() <= 1);
        }
    }

    #[test]
    fn ansi256_primaries() {
        assert_eq!(Rgb::new(255, 0, 0).to_ansi256(), 196);
        assert_eq!(Rgb::new(0, 0, 0).to_ansi256(), 16);
        assert_eq!(Rgb::new(128, 128, 128).to_ansi256(), 244);
    }

    #[test]
    fn contrast_black_white() {
        let c = Rgb::new(0, 0, 0).contrast(Rgb::new(255, 255, 255));
        assert!((c - 21.0).abs() < 0.01);
    }
}
