//! Bitmap faces in the `.gly` text format.
//!
//! ```text
//! FACE name
//! CELL <width> <height>
//! ASCENT <pixels>
//! U+0041 1c 22 22 3e 22 22 22 00
//! ENDFACE
//! ```
//!
//! Each `U+` line gives one row mask per cell row, bit `width-1` being the
//! leftmost pixel. Lines starting with `#` are comments.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../data/fallback-6x8.gly");

/// Maximum supported cell height.
pub const MAX_ROWS: usize = 16;

/// One glyph's bitmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    width: u8,
    height: u8,
    rows: [u8; MAX_ROWS],
}

impl Glyph {
    /// Cell width in pixels.
    pub fn width(&self) -> u32 {
        self.width as u32
    }

    /// Cell height in pixels.
    pub fn height(&self) -> u32 {
        self.height as u32
    }

    /// Row masks, top to bottom.
    pub fn rows(&self) -> &[u8] {
        &self.rows[..self.height as usize]
    }

    /// Whether pixel (`x`, `y`) is set.
    pub fn pixel(&self, x: u32, y: u32) -> bool {
        if x >= self.width as u32 || y >= self.height as u32 {
            return false;
        }
        self.rows[y as usize] >> (self.width as u32 - 1 - x) & 1 == 1
    }
}

/// A parse failure, with the 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Line number.
    pub line: usize,
    /// Description.
    pub msg: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

/// A fixed-cell bitmap face.
#[derive(Debug, Clone)]
pub struct Face {
    name: String,
    cell_w: u8,
    cell_h: u8,
    ascent: u8,
    glyphs: BTreeMap<u32, [u8; MAX_ROWS]>,
}

impl Face {
    /// The bundled 6x8 fallback face.
    pub fn builtin() -> &'static Face {
        static FACE: OnceLock<Face> = OnceLock::new();
        FACE.get_or_init(|| Face::parse(BUILTIN).expect("bundled face is valid"))
    }

    /// Parse a face from `.gly` text.
    pub fn parse(src: &str) -> Result<Face, ParseError> {
        let mut face = Face {
            name: String::new(),
            cell_w: 0,
            cell_h: 0,
            ascent: 0,
            glyphs: BTreeMap::new(),
        };
        for (n, raw) in src.lines().enumerate() {
            let line = raw.trim();
            let err = |msg| ParseError { line: n + 1, msg };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut it = line.split_whitespace();
            let key = it.next().unwrap_or_default();
            match key {
                "FACE" => face.name = it.collect::<Vec<_>>().join(" "),
                "CELL" => {
                    let w: u8 = it.next().and_then(|s| s.parse().ok()).ok_or(err("bad CELL"))?;
                    let h: u8 = it.next().and_then(|s| s.parse().ok()).ok_or(err("bad CELL"))?;
                    if w == 0 || w > 8 || h == 0 || h as usize > MAX_ROWS {
                        return Err(err("unsupported cell size"));
                    }
                    face.cell_w = w;
                    face.cell_h = h;
                }
                "ASCENT" => {
                    face.ascent = it.next().and_then(|s| s.parse().ok()).ok_or(err("bad ASCENT"))?
                }
                "ENDFACE" => break,
                k if k.starts_with("U+") => {
                    if face.cell_h == 0 {
                        return Err(err("glyph before CELL"));
                    }
                    let cp = u32::from_str_radix(&k[2..], 16).map_err(|_| err("bad codepoint"))?;
                    let mut rows = [0u8; MAX_ROWS];
                    let mut count = 0;
                    for tok in it {
                        if count >= face.cell_h as usize {
                            return Err(err("too many rows"));
                        }
                        let v = u8::from_str_radix(tok, 16).map_err(|_| err("bad row"))?;
                        if face.cell_w < 8 && v >> face.cell_w != 0 {
                            return Err(err("row wider than cell"));
                        }
                        rows[count] = v;
                        count += 1;
                    }
                    if count != face.cell_h as usize {
                        return Err(err("wrong row count"));
                    }
                    face.glyphs.insert(cp, rows);
                }
                _ => return Err(err("unknown keyword")),
            }
        }
        if face.cell_h == 0 {
            return Err(ParseError { line: 0, msg: "missing CELL" });
        }
        Ok(face)
    }

    /// Face name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Cell size in pixels.
    pub fn cell(&self) -> (u32, u32) {
        (self.cell_w as u32, self.cell_h as u32)
    }

    /// Baseline offset from the top of the cell.
    pub fn ascent(&self) -> u32 {
        self.ascent as u32
    }

    /// Number of glyphs.
    pub fn len(&self) -> usize {
        self.glyphs.len()
    }

    /// Whether the face has no glyphs.
    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// Look up a glyph. ASCII lowercase folds to uppercase when the face
    /// has no lowercase form.
    pub fn glyph(&self, ch: char) -> Option<Glyph> {
        let cp = ch as u32;
        let rows = self
            .glyphs
            .get(&cp)
            .or_else(|| self.glyphs.get(&(ch.to_ascii_uppercase() as u32)))?;
        Some(Glyph { width: self.cell_w, height: self.cell_h, rows: *rows })
    }

    /// Concatenated row masks for every glyph in `range`, in codepoint order.
    pub(crate) fn rows_in(&self, range: RangeInclusive<u32>) -> Vec<u8> {
        let h = self.cell_h as usize;
        self.glyphs.range(range).flat_map(|(_, r)| r[..h].iter().copied()).collect()
    }

    /// Codepoints present in the face.
    pub fn codepoints(&self) -> impl Iterator<Item = char> + '_ {
        self.glyphs.keys().filter_map(|c| char::from_u32(*c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let f = Face::builtin();
        assert_eq!(f.cell(), (6, 8));
        assert!(f.glyph('A').is_some());
        assert_eq!(f.glyph('a'), f.glyph('A'));
        assert!(f.glyph('\u{2588}').is_some() || f.glyph('\u{2580}').is_some());
    }

    #[test]
    fn pixel_lookup() {
        let f = Face::builtin();
        let l = f.glyph('L').unwrap();
        assert!(l.pixel(0, 0));
        assert!(!l.pixel(4, 0));
        assert!(l.pixel(4, 6));
    }
}
