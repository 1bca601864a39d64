//! Embedded 5×8 bitmap font with pixel, block and braille renderers.
//!
//! ```
//! let f = glyphcell::Font::builtin();
//! let (w, h, px) = f.rasterize("Hi");
//! assert_eq!(h, 8);
//! assert_eq!(px.len(), w * h);
//! ```

mod atlas;
mod cache;

pub use atlas::AtlasError;

use std::collections::HashMap;

/// Terminal rendering style for [`Font::banner`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// One terminal cell per pixel (`█`).
    Block,
    /// Two pixel rows per cell (`▀`, `▄`, `█`).
    HalfBlock,
    /// 2×4 pixels per cell using braille patterns.
    Braille,
    /// `#` and `.` for logs and plain-text files.
    Ascii,
}

pub struct Font {
    width: usize,
    height: usize,
    first: u8,
    count: u8,
    kerning: HashMap<(char, char), i8>,
    spacing: usize,
}

impl Font {
    /// The embedded 5×8 font.
    pub fn builtin() -> Self {
        let a = atlas::parse(atlas::FONT_BIN).expect("builtin font is valid");
        Font {
            width: a.width as usize,
            height: a.height as usize,
            first: a.first,
            count: a.count,
            kerning: a.kerning(),
            spacing: 1,
        }
    }

    /// Columns of empty space between glyphs (default 1).
    pub fn with_spacing(mut self, spacing: usize) -> Self {
        self.spacing = spacing;
        self
    }

    pub fn glyph_size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    fn index(&self, c: char) -> usize {
        let c = c as u32;
        let first = self.first as u32;
        if c >= first && c < first + self.count as u32 {
            (c - first) as usize
        } else {
            ('?' as u32 - first) as usize
        }
    }

    fn advance(&self, a: char, b: Option<char>) -> usize {
        let k = b.and_then(|b| self.kerning.get(&(a, b))).copied().unwrap_or(0);
        (self.width as isize + self.spacing as isize + k as isize).max(1) as usize
    }

    /// Renders one line of text into a row-major boolean buffer.
    /// Returns `(width, height, pixels)`.
    pub fn rasterize(&self, text: &str) -> (usize, usize, Vec<bool>) {
        let chars: Vec<char> = text.chars().collect();
        let total: usize = chars
            .iter()
            .enumerate()
            .map(|(i, c)| self.advance(*c, chars.get(i + 1).copied()))
            .sum();
        let w = total.max(1);
        let h = self.height;
        let mut px = vec![false; w * h];
        let rasters = cache::rasters();
        let mut x0 = 0usize;
        for (i, c) in chars.iter().enumerate() {
            let g = &rasters[self.index(*c)];
            for (cx, col) in g.iter().enumerate() {
                for (cy, on) in col.iter().enumerate().take(h) {
                    if *on && x0 + cx < w {
                        px[cy * w + x0 + cx] = true;
                    }
                }
            }
            x0 += self.advance(*c, chars.get(i + 1).copied());
        }
        (w, h, px)
    }

    /// Renders into an 8-bit grayscale buffer with the given ink/paper values.
    pub fn rasterize_gray(&self, text: &str, ink: u8, paper: u8) -> (usize, usize, Vec<u8>) {
        let (w, h, px) = self.rasterize(text);
        (w, h, px.into_iter().map(|p| if p { ink } else { paper }).collect())
    }

    /// Renders `text` for a terminal.
    pub fn banner(&self, text: &str, style: Style) -> String {
        let (w, h, px) = self.rasterize(text);
        let at = |x: usize, y: usize| x < w && y < h && px[y * w + x];
        let mut out = String::new();
        match style {
            Style::Block | Style::Ascii => {
                let (on, off) = if style == Style::Block { ('█', ' ') } else { ('#', '.') };
                for y in 0..h {
                    for x in 0..w {
                        out.push(if at(x, y) { on } else { off });
                    }
                    out.push('\n');
                }
            }
            Style::HalfBlock => {
                for y in (0..h).step_by(2) {
                    for x in 0..w {
                        out.push(match (at(x, y), at(x, y + 1)) {
                            (true, true) => '█',
                            (true, false) => '▀',
                            (false, true) => '▄',
                            (false, false) => ' ',
                        });
                    }
                    out.push('\n');
                }
            }
            Style::Braille => {
                // dot numbering: (0,0)=1 (0,1)=2 (0,2)=3 (1,0)=4 (1,1)=5 (1,2)=6 (0,3)=7 (1,3)=8
                const BITS: [[u32; 4]; 2] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]];
                for y in (0..h).step_by(4) {
                    for x in (0..w).step_by(2) {
                        let mut m = 0u32;
                        for (dx, col) in BITS.iter().enumerate() {
                            for (dy, bit) in col.iter().enumerate() {
                                if at(x + dx, y + dy) {
                                    m |= bit;
                                }
                            }
                        }
                        out.push(char::from_u32(0x2800 + m).unwrap_or(' '));
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
}

impl Default for Font {
    fn default() -> Self {
        Font::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclamation_has_ink() {
        let f = Font::builtin();
        let (_, _, px) = f.rasterize("!");
        assert!(px.iter().any(|p| *p));
    }

    #[test]
    fn unknown_char_falls_back() {
        let f = Font::builtin();
        assert_eq!(f.rasterize("\u{1F600}").2, f.rasterize("?").2);
    }

    #[test]
    fn halfblock_rows() {
        let f = Font::builtin();
        assert_eq!(f.banner("A", Style::HalfBlock).lines().count(), 4);
    }
}
