//! Generic ANSI colour styling.
//!
//! ```
//! use anstyle_colour::{Colour, Paint};
//! let s = "ok".paint(Colour::Green).bold().to_string();
//! assert!(s.starts_with("\x1b["));
//! ```

#![forbid(unsafe_code)]

mod support;

use core::fmt::{self, Display, Formatter};
use core::marker::PhantomData;
use std::io::{self, Write};

pub use support::{Always, Auto, ColourChoice, Support};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    Fixed(u8),
    Rgb(u8, u8, u8),
}

impl Colour {
    fn write_code<W: fmt::Write + ?Sized>(self, w: &mut W, base: u8) -> fmt::Result {
        match self {
            Colour::Fixed(n) => write!(w, "{};5;{}", base + 8, n),
            Colour::Rgb(r, g, b) => write!(w, "{};2;{};{};{}", base + 8, r, g, b),
            c => write!(w, "{}", base + c.index()),
        }
    }

    const fn index(self) -> u8 {
        match self {
            Colour::Black => 0,
            Colour::Red => 1,
            Colour::Green => 2,
            Colour::Yellow => 3,
            Colour::Blue => 4,
            Colour::Magenta => 5,
            Colour::Cyan => 6,
            Colour::White | Colour::Fixed(_) | Colour::Rgb(..) => 7,
        }
    }
}

/// A minimal bitflags replacement so we stay dependency-light.
#[macro_export]
#[doc(hidden)]
macro_rules! bitflags_lite {
    ($name:ident : $t:ty { $($flag:ident = $v:expr,)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name($t);
        impl $name {
            $(pub const $flag: Self = Self($v);)*
            pub const fn empty() -> Self { Self(0) }
            pub const fn contains(self, o: Self) -> bool { self.0 & o.0 == o.0 }
            pub const fn union(self, o: Self) -> Self { Self(self.0 | o.0) }
            pub fn iter_codes(self) -> impl Iterator<Item = u8> {
                (0u8..8).filter(move |i| self.0 & (1 << i) != 0).map(|i| match i { 0 => 1, 1 => 2, 2 => 3, 3 => 4, 4 => 5, 5 => 7, _ => 9 })
            }
        }
    };
}

bitflags_lite! {
    Effects: u8 {
        BOLD = 1 << 0,
        DIM = 1 << 1,
        ITALIC = 1 << 2,
        UNDERLINE = 1 << 3,
        BLINK = 1 << 4,
        INVERT = 1 << 5,
        STRIKE = 1 << 6,
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    fg: Option<Colour>,
    bg: Option<Colour>,
    effects: Effects,
}

impl Style {
    pub const fn new() -> Self {
        Self { fg: None, bg: None, effects: Effects::empty() }
    }
    pub const fn fg(mut self, c: Colour) -> Self {
        self.fg = Some(c);
        self
    }
    pub const fn bg(mut self, c: Colour) -> Self {
        self.bg = Some(c);
        self
    }
    pub const fn effect(mut self, e: Effects) -> Self {
        self.effects = self.effects.union(e);
        self
    }
    pub fn is_plain(&self) -> bool {
        self.fg.is_none() && self.bg.is_none() && self.effects == Effects::empty()
    }

    fn prefix<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        if self.is_plain() {
            return Ok(());
        }
        w.write_str("\x1b[")?;
        let mut first = true;
        let mut sep = |w: &mut W| -> fmt::Result {
            if !core::mem::replace(&mut first, false) {
                w.write_char(';')?;
            }
            Ok(())
        };
        for code in self.effects.iter_codes() {
            sep(w)?;
            write!(w, "{code}")?;
        }
        if let Some(fg) = self.fg {
            sep(w)?;
            fg.write_code(w, 30)?;
        }
        if let Some(bg) = self.bg {
            sep(w)?;
            bg.write_code(w, 40)?;
        }
        w.write_char('m')
    }

    fn suffix<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        if self.is_plain() { Ok(()) } else { w.write_str("\x1b[0m") }
    }
}

/// A value together with the style it should be rendered in.
#[derive(Debug, Clone, Copy)]
pub struct Painted<T, S = support::Auto> {
    value: T,
    style: Style,
    _support: PhantomData<S>,
}

impl<T, S> Painted<T, S> {
    pub fn bold(mut self) -> Self {
        self.style = self.style.effect(Effects::BOLD);
        self
    }
    pub fn dim(mut self) -> Self {
        self.style = self.style.effect(Effects::DIM);
        self
    }
    pub fn underline(mut self) -> Self {
        self.style = self.style.effect(Effects::UNDERLINE);
        self
    }
    pub fn on(mut self, c: Colour) -> Self {
        self.style = self.style.bg(c);
        self
    }
    pub fn style(&self) -> Style {
        self.style
    }
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: Display, S: Support> Display for Painted<T, S> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if S::enabled() {
            self.style.prefix(f)?;
            Display::fmt(&self.value, f)?;
            self.style.suffix(f)
        } else {
            Display::fmt(&self.value, f)
        }
    }
}

/// Extension trait giving every `Display` type a `.paint()` method.
pub trait Paint: Sized {
    fn paint(self, c: Colour) -> Painted<Self>;
    fn styled(self, s: Style) -> Painted<Self>;
}

impl<T: Display> Paint for T {
    #[inline]
    fn paint(self, c: Colour) -> Painted<Self> {
        self.styled(Style::new().fg(c))
    }
    #[inline]
    fn styled(self, style: Style) -> Painted<Self> {
        Painted { value: self, style, _support: PhantomData }
    }
}

/// Wraps any `io::Write`, emitting escape codes only when `choice` allows.
pub struct ColourWriter<W: Write> {
    inner: W,
    choice: ColourChoice,
}

impl<W: Write> ColourWriter<W> {
    pub fn new(inner: W) -> Self {
        Self { inner, choice: ColourChoice::default() }
    }
    pub fn with_choice(inner: W, choice: ColourChoice) -> Self {
        Self { inner, choice }
    }
    pub fn write_styled<T: Display + ?Sized>(&mut self, style: &Style, value: &T) -> io::Result<()> {
        if self.choice.should_colour() {
            let mut buf = String::with_capacity(16);
            style.prefix(&mut buf).map_err(|_| io::ErrorKind::Other)?;
            write!(self.inner, "{buf}{value}")?;
            buf.clear();
            style.suffix(&mut buf).map_err(|_| io::ErrorKind::Other)?;
            self.inner.write_all(buf.as_bytes())
        } else {
            write!(self.inner, "{value}")
        }
    }
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for ColourWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl ColourWriter<io::Stdout> {
    pub fn stdout() -> Self {
        Self::new(io::stdout())
    }
}

impl ColourWriter<io::Stderr> {
    pub fn stderr() -> Self {
        Self::new(io::stderr())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let mut s = String::new();
        Style::new().fg(Colour::Red).effect(Effects::BOLD).prefix(&mut s).unwrap();
        assert_eq!(s, "\x1b[1;31m");
    }
}
