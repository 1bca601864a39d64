//! Colour gradients for terminal text.

mod color;
mod dither;
mod luts;
pub mod term;

pub use color::Rgb;
pub use term::ColorLevel;

use std::io::{self, Write};

/// A gradient: either stops interpolated in Oklab, or a 256-entry LUT.
#[derive(Debug, Clone)]
pub enum Gradient {
    Stops(Vec<Rgb>),
    Lut(&'static [[u8; 3]; 256]),
}

impl Gradient {
    pub fn new(stops: Vec<Rgb>) -> Option<Gradient> {
        (!stops.is_empty()).then_some(Gradient::Stops(stops))
    }

    pub fn from_hex(stops: &[&str]) -> Option<Gradient> {
        Gradient::new(stops.iter().map(|s| Rgb::from_hex(s)).collect::<Option<Vec<_>>>()?)
    }

    /// Colour at `t` in [0, 1].
    pub fn at(&self, t: f32) -> Rgb {
        match self {
            Gradient::Lut(l) => luts::sample_lut(l, t),
            Gradient::Stops(s) if s.len() == 1 => s[0],
            Gradient::Stops(s) => {
                let x = t.clamp(0.0, 1.0) * (s.len() - 1) as f32;
                let i = (x.floor() as usize).min(s.len() - 2);
                s[i].mix(s[i + 1], x - i as f32)
            }
        }
    }

    /// `n` evenly spaced colours.
    pub fn take(&self, n: usize) -> Vec<Rgb> {
        match n {
            0 => Vec::new(),
            1 => vec![self.at(0.0)],
            _ => (0..n).map(|i| self.at(i as f32 / (n - 1) as f32)).collect(),
        }
    }

    pub fn reversed(&self) -> Gradient {
        match self {
            Gradient::Stops(s) => Gradient::Stops(s.iter().rev().copied().collect()),
            Gradient::Lut(_) => Gradient::Stops(self.take(16).into_iter().rev().collect()),
        }
    }

    /// Render `text` with this gradient at the detected colour level.
    pub fn paint(&self, text: &str) -> String {
        render(self, text, term::detect())
    }
}

pub mod presets {
    use super::{luts, Gradient};

    pub fn dusk() -> Gradient {
        Gradient::Lut(&luts::DUSK)
    }
    pub fn sunset() -> Gradient {
        Gradient::Stops(luts::SUNSET.to_vec())
    }
    pub fn ocean() -> Gradient {
        Gradient::Stops(luts::OCEAN.to_vec())
    }
    pub fn forest() -> Gradient {
        Gradient::Stops(luts::FOREST.to_vec())
    }
    pub fn rainbow() -> Gradient {
        Gradient::Stops(luts::RAINBOW.to_vec())
    }
    pub fn viridis() -> Gradient {
        Gradient::Stops(luts::VIRIDIS.to_vec())
    }
}

/// Render `text` at an explicit colour level.
pub fn render(g: &Gradient, text: &str, level: ColorLevel) -> String {
    if level == ColorLevel::None {
        return text.to_owned();
    }
    let visible: Vec<char> = text.chars().collect();
    let n = visible.iter().filter(|c| !c.is_whitespace()).count().max(1);
    let mut out = String::with_capacity(text.len() * 20);
    let mut k = 0usize;
    for (col, ch) in visible.iter().enumerate() {
        if ch.is_whitespace() {
            out.push(*ch);
            continue;
        }
        let t = if n == 1 { 0.0 } else { k as f32 / (n - 1) as f32 };
        let c = g.at(t);
        match level {
            ColorLevel::TrueColor => out.push_str(&format!("\x1b[38;2;{};{};{}m", c.0, c.1, c.2)),
            ColorLevel::Ansi256 => out.push_str(&format!("\x1b[38;5;{}m", dither::to_ansi256(c, col))),
            ColorLevel::None => unreachable!(),
        }
        out.push(*ch);
        k += 1;
    }
    out.push_str("\x1b[0m");
    out
}

/// Writes gradient lines to a stream and always leaves the terminal in its
/// default colours, even if the caller bails out half-way.
pub struct Painter<W: Write> {
    out: W,
    level: ColorLevel,
    dirty: bool,
}

impl Painter<io::Stdout> {
    pub fn stdout() -> Self {
        Painter { out: io::stdout(), level: term::detect(), dirty: false }
    }
}

impl<W: Write> Painter<W> {
    pub fn new(out: W, level: ColorLevel) -> Self {
        Painter { out, level, dirty: false }
    }

    /// Write one line painted with `g`.
    pub fn line(&mut self, g: &Gradient, text: &str) -> io::Result<()> {
        self.dirty = self.level != ColorLevel::None;
        writeln!(self.out, "{}", render(g, text, self.level))
    }

    /// Write a horizontal bar of `width` block characters.
    pub fn bar(&mut self, g: &Gradient, width: usize) -> io::Result<()> {
        let s: String = std::iter::repeat('█').take(width).collect();
        self.line(g, &s)
    }

    pub fn into_inner(mut self) -> W
    where
        W: Default,
    {
        std::mem::take(&mut self.out)
    }
}

impl<W: Write> Drop for Painter<W> {
    fn drop(&mut self) {
        if self.dirty {
            let _ = self.out.write_all(b"\x1b[0m");
            let _ = self.out.flush();
        }
        if self.level == ColorLevel::Ansi256 || self.level == ColorLevel::TrueColor {
            dither::release();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        let g = Gradient::from_hex(&["#000000", "#ffffff"]).unwrap();
        assert_eq!(g.at(0.0), Rgb(0, 0, 0));
        assert_eq!(g.at(1.0), Rgb(255, 255, 255));
    }

    #[test]
    fn plain_when_no_colour() {
        assert_eq!(render(&presets::sunset(), "hi", ColorLevel::None), "hi");
    }

    #[test]
    fn dusk_is_dark_to_light() {
        let g = presets::dusk();
        let (a, b) = (g.at(0.0), g.at(1.0));
        assert!((a.0 as u32 + a.1 as u32 + a.2 as u32) < (b.0 as u32 + b.1 as u32 + b.2 as u32));
    }
}
