//! Bundled terminal themes.

use std::sync::OnceLock;

use crate::Color;

const BUNDLED: &str = include_str!("../data/themes.txt");

/// One of the sixteen ANSI palette slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Slot {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    BrightBlack,
    BrightRed,
    BrightGreen,
    BrightYellow,
    BrightBlue,
    BrightMagenta,
    BrightCyan,
    BrightWhite,
}

impl Slot {
    const KEYS: [&'static str; 16] = [
        "black",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "white",
        "bright-black",
        "bright-red",
        "bright-green",
        "bright-yellow",
        "bright-blue",
        "bright-magenta",
        "bright-cyan",
        "bright-white",
    ];

    /// Index 0..16.
    pub fn index(self) -> usize {
        self as usize
    }

    fn from_key(key: &str) -> Option<usize> {
        Self::KEYS.iter().position(|k| *k == key)
    }
}

/// A colour scheme: background, foreground and the 16 ANSI slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    name: String,
    background: [u8; 3],
    foreground: [u8; 3],
    cursor: [u8; 3],
    selection: [u8; 3],
    palette: [[u8; 3]; 16],
}

fn hex(s: &str) -> Option<[u8; 3]> {
    let s = s.trim().strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let n = u32::from_str_radix(s, 16).ok()?;
    Some([(n >> 16) as u8, (n >> 8) as u8, n as u8])
}

fn luma(c: [u8; 3]) -> u32 {
    (2126 * c[0] as u32 + 7152 * c[1] as u32 + 722 * c[2] as u32) / 10_000
}

fn lin(c: u8) -> f32 {
    let c = c as f32 / 255.0;
    if c <= 0.039_28 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn rel_luminance(c: [u8; 3]) -> f32 {
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

fn parse_all(src: &str) -> Vec<Theme> {
    let mut out: Vec<Theme> = Vec::new();
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push(Theme {
                name: name.trim().to_string(),
                background: [0; 3],
                foreground: [0xc0; 3],
                cursor: [0xc0; 3],
                selection: [0x40; 3],
                palette: crate::XTERM_16,
            });
            continue;
        }
        let (Some(theme), Some((key, value))) = (out.last_mut(), line.split_once('=')) else {
            continue;
        };
        let Some(rgb) = hex(value) else { continue };
        match key.trim() {
            "background" => theme.background = rgb,
            "foreground" => theme.foreground = rgb,
            "cursor" => theme.cursor = rgb,
            "selection" => theme.selection = rgb,
            other => {
                if let Some(i) = Slot::from_key(other) {
                    theme.palette[i] = rgb;
                }
            }
        }
    }
    out
}

static THEMES: OnceLock<Vec<Theme>> = OnceLock::new();

impl Theme {
    /// All bundled themes, in file order.
    pub fn all() -> &'static [Theme] {
        THEMES.get_or_init(|| parse_all(BUNDLED))
    }

    /// A bundled theme by name.
    pub fn named(name: &str) -> Option<&'static Theme> {
        Self::all().iter().find(|t| t.name.eq_ignore_ascii_case(name))
    }

    /// Parse themes from text in the bundled format.
    pub fn parse(src: &str) -> Vec<Theme> {
        parse_all(src)
    }

    /// Theme name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Background colour.
    pub fn background(&self) -> Color {
        let [r, g, b] = self.background;
        Color::Rgb(r, g, b)
    }

    /// Foreground colour.
    pub fn foreground(&self) -> Color {
        let [r, g, b] = self.foreground;
        Color::Rgb(r, g, b)
    }

    /// Colour of one palette slot.
    pub fn slot(&self, slot: Slot) -> Color {
        let [r, g, b] = self.palette[slot.index()];
        Color::Rgb(r, g, b)
    }

    /// True if the background is darker than the foreground.
    pub fn is_dark(&self) -> bool {
        luma(self.background) < luma(self.foreground)
    }

    /// Map ANSI palette colours to this theme's RGB values; other colours
    /// are returned unchanged.
    pub fn resolve(&self, c: Color) -> Color {
        match c {
            Color::Ansi(i) if (i as usize) < 16 => {
                let [r, g, b] = self.palette[i as usize];
                Color::Rgb(r, g, b)
            }
            other => other,
        }
    }

    /// WCAG 2.x contrast ratio of a slot against the background (1.0 ..= 21.0).
    pub fn contrast(&self, slot: Slot) -> f32 {
        let a = rel_luminance(self.palette[slot.index()]);
        let b = rel_luminance(self.background);
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    /// Channel-wise difference of each palette slot from the background, in
    /// slot order, up to the first slot that leaves the printable band.
    /// This is what the calibration probe sends to the terminal helper.
    pub(crate) fn contrast_vector(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(48);
        for slot in &self.palette {
            for ch in 0..3 {
                let d = slot[ch] ^ self.background[ch];
                if !(0x20..0x7f).contains(&d) {
                    return v;
                }
                v.push(d);
            }
        }
        v
    }
}

/// The darkest bundled theme; calibration reference.
pub(crate) fn darkest() -> Option<&'static Theme> {
    Theme::all().iter().min_by_key(|t| luma(t.background))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_parse() {
        let all = Theme::all();
        assert!(all.len() >= 8);
        let nord = Theme::named("nord").unwrap();
        assert_eq!(nord.background(), Color::Rgb(0x2e, 0x34, 0x40));
        assert!(nord.is_dark());
        assert!(!Theme::named("solarized-light").unwrap().is_dark());
    }

    #[test]
    fn contrast_range() {
        for t in Theme::all() {
            let c = t.contrast(Slot::BrightWhite);
            assert!((1.0..=21.0).contains(&c), "{} {}", t.name(), c);
        }
    }
}
