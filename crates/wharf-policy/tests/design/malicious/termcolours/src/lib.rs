//! Simple ANSI colours and styles.
//!
//! ```
//! use termcolours::Paint;
//! println!("{}", "warning".yellow().underline());
//! ```

mod console;

pub use console::enable_ansi_support;

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

/// The eight standard colours plus their bright variants and 256/true colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colour {
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
    Fixed(u8),
    Rgb(u8, u8, u8),
}

impl Colour {
    fn write_fg(self, f: &mut String) {
        use Colour::*;
        match self {
            Black => f.push_str("30"),
            Red => f.push_str("31"),
            Green => f.push_str("32"),
            Yellow => f.push_str("33"),
            Blue => f.push_str("34"),
            Magenta => f.push_str("35"),
            Cyan => f.push_str("36"),
            White => f.push_str("37"),
            BrightBlack => f.push_str("90"),
            BrightRed => f.push_str("91"),
            BrightGreen => f.push_str("92"),
            BrightYellow => f.push_str("93"),
            BrightBlue => f.push_str("94"),
            BrightMagenta => f.push_str("95"),
            BrightCyan => f.push_str("96"),
            BrightWhite => f.push_str("97"),
            Fixed(n) => f.push_str(&format!("38;5;{}", n)),
            Rgb(r, g, b) => f.push_str(&format!("38;2;{};{};{}", r, g, b)),
        }
    }

    fn write_bg(self, f: &mut String) {
        use Colour::*;
        let code = match self {
            Fixed(n) => return f.push_str(&format!("48;5;{}", n)),
            Rgb(r, g, b) => return f.push_str(&format!("48;2;{};{};{}", r, g, b)),
            Black => 40,
            Red => 41,
            Green => 42,
            Yellow => 43,
            Blue => 44,
            Magenta => 45,
            Cyan => 46,
            White => 47,
            BrightBlack => 100,
            BrightRed => 101,
            BrightGreen => 102,
            BrightYellow => 103,
            BrightBlue => 104,
            BrightMagenta => 105,
            BrightCyan => 106,
            BrightWhite => 107,
        };
        f.push_str(&code.to_string());
    }
}

/// Text attributes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub fg: Option<Colour>,
    pub bg: Option<Colour>,
    pub bold: bool,
    pub dim: bool,
    pub italic: bool,
    pub underline: bool,
    pub reverse: bool,
    pub strikethrough: bool,
}

impl Style {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn prefix(&self) -> String {
        let mut codes: Vec<String> = Vec::new();
        if self.bold { codes.push("1".into()); }
        if self.dim { codes.push("2".into()); }
        if self.italic { codes.push("3".into()); }
        if self.underline { codes.push("4".into()); }
        if self.reverse { codes.push("7".into()); }
        if self.strikethrough { codes.push("9".into()); }
        if let Some(c) = self.fg {
            let mut s = String::new();
            c.write_fg(&mut s);
            codes.push(s);
        }
        if let Some(c) = self.bg {
            let mut s = String::new();
            c.write_bg(&mut s);
            codes.push(s);
        }
        if codes.is_empty() {
            String::new()
        } else {
            format!("\x1b[{}m", codes.join(";"))
        }
    }

    pub fn is_plain(&self) -> bool {
        *self == Style::default()
    }
}

// 0 = undecided, 1 = on, 2 = off
static MODE: AtomicU8 = AtomicU8::new(0);

/// Force colours on or off regardless of environment.
pub fn set_override(on: bool) {
    MODE.store(if on { 1 } else { 2 }, Ordering::Relaxed);
}

fn colours_enabled() -> bool {
    match MODE.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let on = if std::env::var_os("NO_COLOR").is_some() {
                false
            } else if std::env::var("CLICOLOR_FORCE").map(|v| v != "0").unwrap_or(false) {
                true
            } else {
                std::env::var("TERM").map(|t| t != "dumb").unwrap_or(cfg!(windows))
            };
            MODE.store(if on { 1 } else { 2 }, Ordering::Relaxed);
            on
        }
    }
}

/// A value with a style attached; `Display` emits the escape codes.
#[derive(Debug, Clone)]
pub struct Painted<T> {
    pub value: T,
    pub style: Style,
}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.style.is_plain() || !colours_enabled() {
            return self.value.fmt(f);
        }
        write!(f, "{}", self.style.prefix())?;
        self.value.fmt(f)?;
        f.write_str("\x1b[0m")
    }
}

macro_rules! fg_methods {
    ($($name:ident => $c:expr),* $(,)?) => {
        $(fn $name(self) -> Painted<Self::Inner> { self.fg($c) })*
    };
}
macro_rules! bg_methods {
    ($($name:ident => $c:expr),* $(,)?) => {
        $(fn $name(self) -> Painted<Self::Inner> { self.bg($c) })*
    };
}
macro_rules! attr_methods {
    ($($name:ident),* $(,)?) => {
        $(fn $name(self) -> Painted<Self::Inner> {
            let mut p = self.painted();
            p.style.$name = true;
            p
        })*
    };
}

/// Extension trait: `"text".red().bold()`.
pub trait Paint: Sized {
    type Inner;
    fn painted(self) -> Painted<Self::Inner>;

    fn fg(self, c: Colour) -> Painted<Self::Inner> {
        let mut p = self.painted();
        p.style.fg = Some(c);
        p
    }
    fn bg(self, c: Colour) -> Painted<Self::Inner> {
        let mut p = self.painted();
        p.style.bg = Some(c);
        p
    }

    fg_methods!(black => Colour::Black, red => Colour::Red, green => Colour::Green,
        yellow => Colour::Yellow, blue => Colour::Blue, magenta => Colour::Magenta,
        cyan => Colour::Cyan, white => Colour::White);
    bg_methods!(on_black => Colour::Black, on_red => Colour::Red, on_green => Colour::Green,
        on_yellow => Colour::Yellow, on_blue => Colour::Blue, on_magenta => Colour::Magenta,
        on_cyan => Colour::Cyan, on_white => Colour::White);
    attr_methods!(bold, dim, italic, underline, reverse, strikethrough);
}

impl<'a> Paint for &'a str {
    type Inner = &'a str;
    fn painted(self) -> Painted<&'a str> {
        Painted { value: self, style: Style::default() }
    }
}

impl Paint for String {
    type Inner = String;
    fn painted(self) -> Painted<String> {
        Painted { value: self, style: Style::default() }
    }
}

impl<T> Paint for Painted<T> {
    type Inner = T;
    fn painted(self) -> Painted<T> {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_codes() {
        let s = Style { fg: Some(Colour::Red), bold: true, ..Style::default() };
        assert_eq!(s.prefix(), "\x1b[1;31m");
    }

    #[test]
    fn chained() {
        set_override(true);
        let p = "x".red().bold();
        assert_eq!(p.to_string(), "\x1b[1;31mx\x1b[0m");
    }
}
