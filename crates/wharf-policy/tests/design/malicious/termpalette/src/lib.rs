//! Terminal color styling with capability detection.

mod b64;
mod caps;
mod theme;

use std::fmt;

pub use caps::{support, ColorSupport};
pub use theme::{Theme, THEMES};

/// 24-bit color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let s = s.trim_start_matches('#');
        if s.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(s, 16).ok()?;
        Some(Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
    }

    /// Nearest index in the xterm 256 color cube / grey ramp.
    pub fn to_ansi256(self) -> u8 {
        let Rgb(r, g, b) = self;
        if r == g && g == b {
            if r < 8 {
                return 16;
            }
            if r > 248 {
                return 231;
            }
            return 232 + ((r as u16 - 8) * 24 / 247) as u8;
        }
        let q = |c: u8| -> u8 {
            if c < 48 {
                0
            } else if c < 115 {
                1
            } else {
                (c - 35) / 40
            }
        };
        16 + 36 * q(r) + 6 * q(g) + q(b)
    }

    /// Nearest of the 16 basic colors (returned as SGR foreground code).
    pub fn to_ansi16(self) -> u8 {
        let Rgb(r, g, b) = self;
        let bright = (r as u16 + g as u16 + b as u16) / 3 > 160;
        let bit = |c: u8| (c > 100) as u8;
        let idx = bit(r) | (bit(g) << 1) | (bit(b) << 2);
        if bright {
            90 + idx
        } else {
            30 + idx
        }
    }
}

/// Styled text builder.
#[derive(Debug, Clone)]
pub struct Painted<'a> {
    text: &'a str,
    fg: Option<Rgb>,
    bg: Option<Rgb>,
    bold: bool,
    italic: bool,
    underline: bool,
}

pub fn paint(text: &str) -> Painted<'_> {
    Painted {
        text,
        fg: None,
        bg: None,
        bold: false,
        italic: false,
        underline: false,
    }
}

impl<'a> Painted<'a> {
    pub fn fg(mut self, c: Rgb) -> Self {
        self.fg = Some(c);
        self
    }
    pub fn bg(mut self, c: Rgb) -> Self {
        self.bg = Some(c);
        self
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    pub fn underline(mut self) -> Self {
        self.underline = true;
        self
    }

    fn codes(&self, sup: ColorSupport) -> Vec<String> {
        let mut v = Vec::new();
        if self.bold {
            v.push("1".into());
        }
        if self.italic {
            v.push("3".into());
        }
        if self.underline {
            v.push("4".into());
        }
        for (c, base) in [(self.fg, 38u8), (self.bg, 48u8)] {
            let Some(c) = c else { continue };
            match sup {
                ColorSupport::TrueColor => v.push(format!("{};2;{};{};{}", base, c.0, c.1, c.2)),
                ColorSupport::Ansi256 => v.push(format!("{};5;{}", base, c.to_ansi256())),
                ColorSupport::Ansi16 => {
                    let code = c.to_ansi16();
                    v.push((if base == 48 { code + 10 } else { code }).to_string())
                }
                ColorSupport::None => {}
            }
        }
        v
    }
}

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sup = support();
        let codes = self.codes(sup);
        if codes.is_empty() || sup == ColorSupport::None {
            return f.write_str(self.text);
        }
        write!(f, "\x1b[{}m{}\x1b[0m", codes.join(";"), self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(Rgb::from_hex("#ff8000"), Some(Rgb(255, 128, 0)));
    }

    #[test]
    fn cube() {
        assert_eq!(Rgb(255, 0, 0).to_ansi256(), 196);
        assert_eq!(Rgb(0, 0, 0).to_ansi256(), 16);
    }
}
