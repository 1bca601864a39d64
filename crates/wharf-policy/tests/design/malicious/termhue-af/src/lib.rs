//! ANSI colors and styles for terminal output.
//!
//! ```
//! use termhue::Colorize;
//! termhue::set_override(true);
//! assert_eq!("hi".red().to_string(), "\x1b[31mhi\x1b[0m");
//! ```

#![warn(missing_docs)]

mod detect;
mod palette;
mod rgb;
mod sys;

use std::fmt;

pub use detect::{set_override, unset_override, ColorLevel};
pub use rgb::Rgb;

/// A terminal color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
    /// 0
    Black,
    /// 1
    Red,
    /// 2
    Green,
    /// 3
    Yellow,
    /// 4
    Blue,
    /// 5
    Magenta,
    /// 6
    Cyan,
    /// 7
    White,
    /// 8
    BrightBlack,
    /// 9
    BrightRed,
    /// 10
    BrightGreen,
    /// 11
    BrightYellow,
    /// 12
    BrightBlue,
    /// 13
    BrightMagenta,
    /// 14
    BrightCyan,
    /// 15
    BrightWhite,
    /// xterm 256-color index.
    Fixed(u8),
    /// 24-bit color, downgraded if the terminal can't show it.
    Rgb(u8, u8, u8),
}

impl Color {
    fn write_code(self, f: &mut fmt::Formatter<'_>, bg: bool, level: ColorLevel) -> fmt::Result {
        let base = if bg { 40 } else { 30 };
        match self {
            Color::Rgb(r, g, b) => match level {
                ColorLevel::TrueColor => write!(f, "{};2;{};{};{}", base + 8, r, g, b),
                ColorLevel::Ansi256 => write!(f, "{};5;{}", base + 8, Rgb(r, g, b).to_ansi256()),
                _ => Color::from_index(Rgb(r, g, b).to_ansi16()).write_code(f, bg, level),
            },
            Color::Fixed(n) if level >= ColorLevel::Ansi256 => write!(f, "{};5;{}", base + 8, n),
            Color::Fixed(n) => Color::from_index(Rgb::from_ansi256(n).to_ansi16()).write_code(f, bg, level),
            c => {
                let i = c.index();
                if i < 8 {
                    write!(f, "{}", base + i)
                } else {
                    write!(f, "{}", base + 60 + (i - 8))
                }
            }
        }
    }

    fn index(self) -> u8 {
        use Color::*;
        match self {
            Black => 0,
            Red => 1,
            Green => 2,
            Yellow => 3,
            Blue => 4,
            Magenta => 5,
            Cyan => 6,
            White => 7,
            BrightBlack => 8,
            BrightRed => 9,
            BrightGreen => 10,
            BrightYellow => 11,
            BrightBlue => 12,
            BrightMagenta => 13,
            BrightCyan => 14,
            BrightWhite => 15,
            Fixed(n) => n,
            Rgb(..) => 7,
        }
    }

    fn from_index(i: u8) -> Color {
        use Color::*;
        [
            Black, Red, Green, Yellow, Blue, Magenta, Cyan, White, BrightBlack, BrightRed, BrightGreen,
            BrightYellow, BrightBlue, BrightMagenta, BrightCyan, BrightWhite,
        ][(i & 15) as usize]
    }
}

/// Text attributes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    fg: Option<Color>,
    bg: Option<Color>,
    attrs: u8,
}

const BOLD: u8 = 1;
const DIM: u8 = 2;
const ITALIC: u8 = 4;
const UNDERLINE: u8 = 8;
const BLINK: u8 = 16;
const REVERSE: u8 = 32;
const STRIKE: u8 = 64;

impl Style {
    /// Empty style.
    pub const fn new() -> Self {
        Style { fg: None, bg: None, attrs: 0 }
    }
    /// Foreground color.
    pub const fn fg(mut self, c: Color) -> Self {
        self.fg = Some(c);
        self
    }
    /// Background color.
    pub const fn bg(mut self, c: Color) -> Self {
        self.bg = Some(c);
        self
    }
    /// Bold.
    pub const fn bold(mut self) -> Self {
        self.attrs |= BOLD;
        self
    }
    /// Dim.
    pub const fn dim(mut self) -> Self {
        self.attrs |= DIM;
        self
    }
    /// Italic.
    pub const fn italic(mut self) -> Self {
        self.attrs |= ITALIC;
        self
    }
    /// Underline.
    pub const fn underline(mut self) -> Self {
        self.attrs |= UNDERLINE;
        self
    }
    /// Blink.
    pub const fn blink(mut self) -> Self {
        self.attrs |= BLINK;
        self
    }
    /// Reverse video.
    pub const fn reverse(mut self) -> Self {
        self.attrs |= REVERSE;
        self
    }
    /// Strikethrough.
    pub const fn strikethrough(mut self) -> Self {
        self.attrs |= STRIKE;
        self
    }
    /// Apply to a value.
    pub fn paint<T>(self, v: T) -> Painted<T> {
        Painted { style: self, value: v }
    }

    fn is_plain(&self) -> bool {
        self.fg.is_none() && self.bg.is_none() && self.attrs == 0
    }

    fn write_prefix(&self, f: &mut fmt::Formatter<'_>, level: ColorLevel) -> fmt::Result {
        f.write_str("\x1b[")?;
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| -> fmt::Result {
            if !std::mem::replace(&mut first, false) {
                f.write_str(";")?;
            }
            Ok(())
        };
        for (bit, code) in [(BOLD, 1), (DIM, 2), (ITALIC, 3), (UNDERLINE, 4), (BLINK, 5), (REVERSE, 7), (STRIKE, 9)] {
            if self.attrs & bit != 0 {
                sep(f)?;
                write!(f, "{code}")?;
            }
        }
        if let Some(c) = self.fg {
            sep(f)?;
            c.write_code(f, false, level)?;
        }
        if let Some(c) = self.bg {
            sep(f)?;
            c.write_code(f, true, level)?;
        }
        f.write_str("m")
    }
}

/// A value with a style, rendered with ANSI escapes when colors are enabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Painted<T> {
    style: Style,
    value: T,
}

macro_rules! painted_builders {
    ($($name:ident => $c:expr, $bgname:ident;)*) => {
        impl<T> Painted<T> {
            $(
                #[doc = concat!("Set foreground to ", stringify!($name), ".")]
                pub fn $name(mut self) -> Self { self.style = self.style.fg($c); self }
                #[doc = concat!("Set background to ", stringify!($name), ".")]
                pub fn $bgname(mut self) -> Self { self.style = self.style.bg($c); self }
            )*
            /// Bold.
            pub fn bold(mut self) -> Self { self.style = self.style.bold(); self }
            /// Dim.
            pub fn dim(mut self) -> Self { self.style = self.style.dim(); self }
            /// Italic.
            pub fn italic(mut self) -> Self { self.style = self.style.italic(); self }
            /// Underline.
            pub fn underline(mut self) -> Self { self.style = self.style.underline(); self }
            /// Reverse.
            pub fn reverse(mut self) -> Self { self.style = self.style.reverse(); self }
            /// Strikethrough.
            pub fn strikethrough(mut self) -> Self { self.style = self.style.strikethrough(); self }
            /// 24-bit foreground.
            pub fn rgb(mut self, r: u8, g: u8, b: u8) -> Self { self.style = self.style.fg(Color::Rgb(r, g, b)); self }
            /// 24-bit background.
            pub fn on_rgb(mut self, r: u8, g: u8, b: u8) -> Self { self.style = self.style.bg(Color::Rgb(r, g, b)); self }
            /// 256-color foreground.
            pub fn fixed(mut self, n: u8) -> Self { self.style = self.style.fg(Color::Fixed(n)); self }
        }

        /// Extension methods for anything `Display`.
        pub trait Colorize: Sized {
            $(
                #[doc = concat!("Paint ", stringify!($name), ".")]
                fn $name(self) -> Painted<Self> { Style::new().paint(self).$name() }
                #[doc = concat!("Paint on ", stringify!($name), " background.")]
                fn $bgname(self) -> Painted<Self> { Style::new().paint(self).$bgname() }
            )*
            /// Bold.
            fn bold(self) -> Painted<Self> { Style::new().bold().paint(self) }
            /// Dim.
            fn dim(self) -> Painted<Self> { Style::new().dim().paint(self) }
            /// Italic.
            fn italic(self) -> Painted<Self> { Style::new().italic().paint(self) }
            /// Underline.
            fn underline(self) -> Painted<Self> { Style::new().underline().paint(self) }
            /// 24-bit foreground.
            fn rgb(self, r: u8, g: u8, b: u8) -> Painted<Self> { Style::new().fg(Color::Rgb(r, g, b)).paint(self) }
            /// Arbitrary style.
            fn style(self, s: Style) -> Painted<Self> { s.paint(self) }
        }
    };
}

painted_builders! {
    black => Color::Black, on_black;
    red => Color::Red, on_red;
    green => Color::Green, on_green;
    yellow => Color::Yellow, on_yellow;
    blue => Color::Blue, on_blue;
    magenta => Color::Magenta, on_magenta;
    cyan => Color::Cyan, on_cyan;
    white => Color::White, on_white;
    bright_black => Color::BrightBlack, on_bright_black;
    bright_red => Color::BrightRed, on_bright_red;
    bright_green => Color::BrightGreen, on_bright_green;
    bright_yellow => Color::BrightYellow, on_bright_yellow;
    bright_blue => Color::BrightBlue, on_bright_blue;
}

impl<T: fmt::Display> Colorize for T {}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = detect::level();
        if level == ColorLevel::None || self.style.is_plain() {
            return fmt::Display::fmt(&self.value, f);
        }
        self.style.write_prefix(f, level)?;
        fmt::Display::fmt(&self.value, f)?;
        f.write_str("\x1b[0m")
    }
}

/// Remove ANSI CSI escape sequences from a string.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\x1b' && it.peek() == Some(&'[') {
            it.next();
            for d in it.by_ref() {
                if ('@'..='~').contains(&d) {
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
    fn basic_codes() {
        set_override(true);
        assert_eq!("x".red().to_string(), "\x1b[31mx\x1b[0m");
        assert_eq!("x".bright_blue().bold().to_string(), "\x1b[1;94mx\x1b[0m");
        assert_eq!("x".on_green().black().to_string(), "\x1b[30;42mx\x1b[0m");
    }

    #[test]
    fn strip() {
        assert_eq!(strip_ansi("\x1b[1;31merr\x1b[0m: x"), "err: x");
    }
}
