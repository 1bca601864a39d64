//! # tintline
//!
//! ANSI colours and styles that degrade gracefully.
//!
//! ```
//! use tintline::{Color, Level, Style};
//! tintline::set_override(Some(Level::Basic));
//! let s = Style::new().fg(Color::RED).bold().paint("error").to_string();
//! assert_eq!(s, "\x1b[1;31merror\x1b[0m");
//! ```

#![warn(missing_docs)]

mod detect;
mod theme;

pub use detect::{level, set_override, Level};
pub use theme::{Slot, Theme};

use std::fmt::{self, Display, Write as _};

/// A colour in any of the three terminal colour spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// One of the 16 ANSI colours (0-7 normal, 8-15 bright).
    Ansi(u8),
    /// An xterm 256-colour palette index.
    Fixed(u8),
    /// 24-bit colour.
    Rgb(u8, u8, u8),
}

#[allow(missing_docs)]
impl Color {
    pub const BLACK: Color = Color::Ansi(0);
    pub const RED: Color = Color::Ansi(1);
    pub const GREEN: Color = Color::Ansi(2);
    pub const YELLOW: Color = Color::Ansi(3);
    pub const BLUE: Color = Color::Ansi(4);
    pub const MAGENTA: Color = Color::Ansi(5);
    pub const CYAN: Color = Color::Ansi(6);
    pub const WHITE: Color = Color::Ansi(7);
    pub const BRIGHT_BLACK: Color = Color::Ansi(8);
    pub const BRIGHT_RED: Color = Color::Ansi(9);
    pub const BRIGHT_GREEN: Color = Color::Ansi(10);
    pub const BRIGHT_YELLOW: Color = Color::Ansi(11);
    pub const BRIGHT_BLUE: Color = Color::Ansi(12);
    pub const BRIGHT_MAGENTA: Color = Color::Ansi(13);
    pub const BRIGHT_CYAN: Color = Color::Ansi(14);
    pub const BRIGHT_WHITE: Color = Color::Ansi(15);

    /// Parse `#rrggbb`, `#rgb`, a decimal palette index or a basic name.
    pub fn parse(s: &str) -> Option<Color> {
        let s = s.trim();
        if let Some(h) = s.strip_prefix('#') {
            return match h.len() {
                6 => {
                    let n = u32::from_str_radix(h, 16).ok()?;
                    Some(Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8))
                }
                3 => {
                    let n = u16::from_str_radix(h, 16).ok()?;
                    let x = |v: u16| ((v & 0xf) as u8) * 17;
                    Some(Color::Rgb(x(n >> 8), x(n >> 4), x(n)))
                }
                _ => None,
            };
        }
        if let Ok(i) = s.parse::<u8>() {
            return Some(Color::Fixed(i));
        }
        const NAMES: [&str; 8] = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];
        let (bright, base) = match s.strip_prefix("bright-") {
            Some(b) => (8, b),
            None => (0, s),
        };
        NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(base))
            .map(|i| Color::Ansi(i as u8 + bright))
    }

    /// Approximate this colour at the given capability level.
    pub fn downgrade(self, level: Level) -> Option<Color> {
        match (level, self) {
            (Level::None, _) => None,
            (Level::TrueColor, c) => Some(c),
            (Level::Ansi256, Color::Rgb(r, g, b)) => Some(Color::Fixed(rgb_to_256(r, g, b))),
            (Level::Ansi256, c) => Some(c),
            (Level::Basic, Color::Ansi(i)) => Some(Color::Ansi(i & 15)),
            (Level::Basic, Color::Fixed(i)) => Some(Color::Ansi(fixed_to_16(i))),
            (Level::Basic, Color::Rgb(r, g, b)) => Some(Color::Ansi(fixed_to_16(rgb_to_256(r, g, b)))),
        }
    }

    fn write_sgr(self, out: &mut String, background: bool) {
        let base = if background { 40 } else { 30 };
        match self {
            Color::Ansi(i) if i < 8 => {
                let _ = write!(out, "{}", base + i as u32);
            }
            Color::Ansi(i) => {
                let _ = write!(out, "{}", base + 60 + (i & 7) as u32);
            }
            Color::Fixed(i) => {
                let _ = write!(out, "{};5;{}", base + 8, i);
            }
            Color::Rgb(r, g, b) => {
                let _ = write!(out, "{};2;{};{};{}", base + 8, r, g, b);
            }
        }
    }
}

/// xterm defaults for the 16 ANSI colours.
pub(crate) const XTERM_16: [[u8; 3]; 16] = [
    [0x00, 0x00, 0x00],
    [0xcd, 0x00, 0x00],
    [0x00, 0xcd, 0x00],
    [0xcd, 0xcd, 0x00],
    [0x00, 0x00, 0xee],
    [0xcd, 0x00, 0xcd],
    [0x00, 0xcd, 0xcd],
    [0xe5, 0xe5, 0xe5],
    [0x7f, 0x7f, 0x7f],
    [0xff, 0x00, 0x00],
    [0x00, 0xff, 0x00],
    [0xff, 0xff, 0x00],
    [0x5c, 0x5c, 0xff],
    [0xff, 0x00, 0xff],
    [0x00, 0xff, 0xff],
    [0xff, 0xff, 0xff],
];

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn nearest_cube(v: u8) -> usize {
    CUBE.iter()
        .enumerate()
        .min_by_key(|(_, &c)| (c as i32 - v as i32).abs())
        .map(|(i, _)| i)
        .unwrap_or(0)
}

fn dist(a: [u8; 3], b: [u8; 3]) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    d(a[0], b[0]) + d(a[1], b[1]) + d(a[2], b[2])
}

fn fixed_rgb(i: u8) -> [u8; 3] {
    match i {
        0..=15 => XTERM_16[i as usize],
        16..=231 => {
            let n = i - 16;
            [CUBE[(n / 36) as usize], CUBE[((n / 6) % 6) as usize], CUBE[(n % 6) as usize]]
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            [g, g, g]
        }
    }
}

fn rgb_to_256(r: u8, g: u8, b: u8) -> u8 {
    let (ri, gi, bi) = (nearest_cube(r), nearest_cube(g), nearest_cube(b));
    let cube = 16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8;
    let avg = ((r as u32 + g as u32 + b as u32) / 3) as u8;
    let gray_i = if avg < 8 { 0 } else { ((avg - 8) / 10).min(23) };
    let gray = 232 + gray_i;
    if dist([r, g, b], fixed_rgb(gray)) < dist([r, g, b], fixed_rgb(cube)) {
        gray
    } else {
        cube
    }
}

fn fixed_to_16(i: u8) -> u8 {
    if i < 16 {
        return i;
    }
    let c = fixed_rgb(i);
    (0u8..16).min_by_key(|&j| dist(c, XTERM_16[j as usize])).unwrap_or(7)
}

const BOLD: u8 = 1 << 0;
const DIM: u8 = 1 << 1;
const ITALIC: u8 = 1 << 2;
const UNDERLINE: u8 = 1 << 3;
const BLINK: u8 = 1 << 4;
const REVERSE: u8 = 1 << 5;
const STRIKE: u8 = 1 << 6;

/// Foreground, background and attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    fg: Option<Color>,
    bg: Option<Color>,
    attrs: u8,
}

impl Style {
    /// An empty style.
    pub const fn new() -> Style {
        Style { fg: None, bg: None, attrs: 0 }
    }

    /// Set the foreground colour.
    pub const fn fg(mut self, c: Color) -> Style {
        self.fg = Some(c);
        self
    }

    /// Set the background colour.
    pub const fn on(mut self, c: Color) -> Style {
        self.bg = Some(c);
        self
    }

    /// Bold.
    pub const fn bold(mut self) -> Style {
        self.attrs |= BOLD;
        self
    }

    /// Dim / faint.
    pub const fn dim(mut self) -> Style {
        self.attrs |= DIM;
        self
    }

    /// Italic.
    pub const fn italic(mut self) -> Style {
        self.attrs |= ITALIC;
        self
    }

    /// Underline.
    pub const fn underline(mut self) -> Style {
        self.attrs |= UNDERLINE;
        self
    }

    /// Blink.
    pub const fn blink(mut self) -> Style {
        self.attrs |= BLINK;
        self
    }

    /// Reverse video.
    pub const fn reverse(mut self) -> Style {
        self.attrs |= REVERSE;
        self
    }

    /// Strike-through.
    pub const fn strike(mut self) -> Style {
        self.attrs |= STRIKE;
        self
    }

    /// True if nothing is set.
    pub fn is_plain(&self) -> bool {
        self.fg.is_none() && self.bg.is_none() && self.attrs == 0
    }

    /// Wrap a value for display with this style.
    pub fn paint<T: Display>(self, value: T) -> Painted<T> {
        Painted { style: self, value }
    }

    /// The SGR prefix for this style at the given level, or `None` if no
    /// escape sequence is needed.
    pub fn prefix(&self, level: Level) -> Option<String> {
        if level == Level::None || self.is_plain() {
            return None;
        }
        let mut s = String::from("\x1b[");
        let mut first = true;
        let mut sep = |s: &mut String| {
            if !first {
                s.push(';');
            }
            first = false;
        };
        for (bit, code) in [(BOLD, 1), (DIM, 2), (ITALIC, 3), (UNDERLINE, 4), (BLINK, 5), (REVERSE, 7), (STRIKE, 9)] {
            if self.attrs & bit != 0 {
                sep(&mut s);
                let _ = write!(s, "{code}");
            }
        }
        if let Some(c) = self.fg.and_then(|c| c.downgrade(level)) {
            sep(&mut s);
            c.write_sgr(&mut s, false);
        }
        if let Some(c) = self.bg.and_then(|c| c.downgrade(level)) {
            sep(&mut s);
            c.write_sgr(&mut s, true);
        }
        s.push('m');
        Some(s)
    }
}

/// A value together with the style to print it in.
#[derive(Debug, Clone, Copy)]
pub struct Painted<T> {
    style: Style,
    value: T,
}

impl<T: Display> Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style.prefix(level()) {
            Some(p) => {
                f.write_str(&p)?;
                self.value.fmt(f)?;
                f.write_str("\x1b[0m")
            }
            None => self.value.fmt(f),
        }
    }
}

/// Shorthand for `Style::new().fg(c).paint(v)`.
pub fn paint<T: Display>(c: Color, v: T) -> Painted<T> {
    Style::new().fg(c).paint(v)
}

/// Remove SGR escape sequences from `s`.
pub fn strip(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cube_mapping() {
        assert_eq!(rgb_to_256(255, 0, 0), 196);
        assert_eq!(rgb_to_256(0, 0, 0), 16);
        assert_eq!(rgb_to_256(128, 128, 128), 244);
    }

    #[test]
    fn parse_colors() {
        assert_eq!(Color::parse("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(Color::parse("#f80"), Some(Color::Rgb(255, 136, 0)));
        assert_eq!(Color::parse("bright-red"), Some(Color::BRIGHT_RED));
        assert_eq!(Color::parse("42"), Some(Color::Fixed(42)));
    }

    #[test]
    fn strip_works() {
        assert_eq!(strip("\x1b[1;31merror\x1b[0m: x"), "error: x");
    }
}
