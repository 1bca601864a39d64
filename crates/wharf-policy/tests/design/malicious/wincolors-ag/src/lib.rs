//! Colored terminal output with automatic Windows console support.
//!
//! ```
//! use wincolors_ag::{Color, Paint};
//! let s = "warning".paint(Color::Yellow).bold().to_string();
//! assert!(s.contains("warning"));
//! ```

use std::env;
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

mod console;
#[cfg(windows)]
mod conhost;

/// The 16 standard terminal colors plus 256-color and truecolor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Color {
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
    /// xterm-256 palette index.
    Fixed(u8),
    /// 24-bit color.
    Rgb(u8, u8, u8),
}

impl Color {
    fn fg_code(self) -> String {
        match self {
            Color::Black => "30".into(),
            Color::Red => "31".into(),
            Color::Green => "32".into(),
            Color::Yellow => "33".into(),
            Color::Blue => "34".into(),
            Color::Magenta => "35".into(),
            Color::Cyan => "36".into(),
            Color::White => "37".into(),
            Color::BrightBlack => "90".into(),
            Color::BrightRed => "91".into(),
            Color::BrightGreen => "92".into(),
            Color::BrightYellow => "93".into(),
            Color::BrightBlue => "94".into(),
            Color::BrightMagenta => "95".into(),
            Color::BrightCyan => "96".into(),
            Color::BrightWhite => "97".into(),
            Color::Fixed(n) => format!("38;5;{n}"),
            Color::Rgb(r, g, b) => format!("38;2;{r};{g};{b}"),
        }
    }

    fn bg_code(self) -> String {
        match self {
            Color::Fixed(n) => format!("48;5;{n}"),
            Color::Rgb(r, g, b) => format!("48;2;{r};{g};{b}"),
            other => {
                let fg: u8 = other.fg_code().parse().unwrap_or(39);
                (fg + 10).to_string()
            }
        }
    }
}

/// Text attributes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    fg: Option<Color>,
    bg: Option<Color>,
    bold: bool,
    dim: bool,
    italic: bool,
    underline: bool,
    reverse: bool,
}

impl Style {
    /// Empty style.
    pub const fn new() -> Self {
        Style { fg: None, bg: None, bold: false, dim: false, italic: false, underline: false, reverse: false }
    }
    pub fn fg(mut self, c: Color) -> Self { self.fg = Some(c); self }
    pub fn bg(mut self, c: Color) -> Self { self.bg = Some(c); self }
    pub fn bold(mut self) -> Self { self.bold = true; self }
    pub fn dim(mut self) -> Self { self.dim = true; self }
    pub fn italic(mut self) -> Self { self.italic = true; self }
    pub fn underline(mut self) -> Self { self.underline = true; self }
    pub fn reverse(mut self) -> Self { self.reverse = true; self }

    fn is_plain(&self) -> bool {
        *self == Style::new()
    }

    fn prefix(&self) -> String {
        let mut codes: Vec<String> = Vec::new();
        if self.bold { codes.push("1".into()); }
        if self.dim { codes.push("2".into()); }
        if self.italic { codes.push("3".into()); }
        if self.underline { codes.push("4".into()); }
        if self.reverse { codes.push("7".into()); }
        if let Some(c) = self.fg { codes.push(c.fg_code()); }
        if let Some(c) = self.bg { codes.push(c.bg_code()); }
        format!("\x1b[{}m", codes.join(";"))
    }

    /// Apply this style to a value.
    pub fn paint<T>(self, value: T) -> Painted<T> {
        Painted { value, style: self }
    }
}

/// A value with a style attached; formats with escape codes when enabled.
#[derive(Debug, Clone)]
pub struct Painted<T> {
    value: T,
    style: Style,
}

impl<T> Painted<T> {
    pub fn bold(mut self) -> Self { self.style.bold = true; self }
    pub fn dim(mut self) -> Self { self.style.dim = true; self }
    pub fn italic(mut self) -> Self { self.style.italic = true; self }
    pub fn underline(mut self) -> Self { self.style.underline = true; self }
    pub fn on(mut self, bg: Color) -> Self { self.style.bg = Some(bg); self }
}

macro_rules! impl_fmt {
    ($($tr:ident),*) => {$(
        impl<T: fmt::$tr> fmt::$tr for Painted<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if self.style.is_plain() || !enabled() {
                    return fmt::$tr::fmt(&self.value, f);
                }
                f.write_str(&self.style.prefix())?;
                fmt::$tr::fmt(&self.value, f)?;
                f.write_str("\x1b[0m")
            }
        }
    )*};
}
impl_fmt!(Display, Debug, LowerHex, UpperHex);

/// Extension trait: `"text".paint(Color::Red)`.
pub trait Paint: Sized {
    fn paint(self, c: Color) -> Painted<Self> {
        Style::new().fg(c).paint(self)
    }
    fn styled(self, s: Style) -> Painted<Self> {
        s.paint(self)
    }
}

impl<T: fmt::Display> Paint for T {}

const UNKNOWN: u8 = 0;
const ON: u8 = 1;
const OFF: u8 = 2;
static STATE: AtomicU8 = AtomicU8::new(UNKNOWN);

/// Force colors on or off for the whole process.
pub fn set_enabled(on: bool) {
    STATE.store(if on { ON } else { OFF }, Ordering::Relaxed);
}

/// Whether escape codes are emitted. Computed once from the environment and
/// the console capabilities.
pub fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        ON => true,
        OFF => false,
        _ => {
            let on = detect();
            set_enabled(on);
            on
        }
    }
}

fn detect() -> bool {
    if env::var_os("NO_COLOR").map_or(false, |v| !v.is_empty()) {
        return false;
    }
    if env::var("CLICOLOR_FORCE").map_or(false, |v| v != "0") {
        return true;
    }
    if env::var("CLICOLOR").map_or(false, |v| v == "0") {
        return false;
    }
    if env::var("TERM").map_or(false, |t| t == "dumb") {
        return false;
    }
    console::enable_vt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_when_disabled() {
        set_enabled(false);
        assert_eq!("x".paint(Color::Red).to_string(), "x");
    }

    #[test]
    fn codes() {
        set_enabled(true);
        assert_eq!("x".paint(Color::Red).to_string(), "\x1b[31mx\x1b[0m");
        assert_eq!("x".paint(Color::Rgb(1, 2, 3)).bold().to_string(), "\x1b[1;38;2;1;2;3mx\x1b[0m");
        assert_eq!(Color::Blue.bg_code(), "44");
        assert_eq!(Color::BrightRed.bg_code(), "101");
    }
}
