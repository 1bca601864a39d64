//! Building a single-channel glyph atlas.

use crate::cache;
use crate::face::Face;
use crate::pack::{Rect, Skyline};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

/// Returned when a glyph does not fit in the remaining atlas space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtlasFull {
    /// The glyph that did not fit.
    pub ch: char,
}

impl fmt::Display for AtlasFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "atlas is full (while inserting {:?})", self.ch)
    }
}

impl std::error::Error for AtlasFull {}

/// A glyph atlas: a packed texture plus the location of every glyph.
pub struct Atlas {
    packer: Skyline,
    pixels: Vec<u8>,
    entries: HashMap<(char, u32), Rect>,
    used_builtin: bool,
    dirty: bool,
}

impl Atlas {
    /// An empty `width` x `height` atlas with one pixel of padding.
    pub fn new(width: u32, height: u32) -> Atlas {
        Atlas {
            packer: Skyline::new(width, height).with_padding(1),
            pixels: vec![0; width as usize * height as usize],
            entries: HashMap::new(),
            used_builtin: false,
            dirty: false,
        }
    }

    /// Atlas width.
    pub fn width(&self) -> u32 {
        self.packer.width()
    }

    /// Atlas height.
    pub fn height(&self) -> u32 {
        self.packer.height()
    }

    /// One byte per pixel, row-major, 0 or 255.
    pub fn pixels(&self) -> &[u8] {
        &self.pixels
    }

    /// Whether pixels changed since the last [`Atlas::take_dirty`].
    pub fn take_dirty(&mut self) -> bool {
        std::mem::replace(&mut self.dirty, false)
    }

    /// Location of `ch` at scale 1, if inserted.
    pub fn get(&self, ch: char) -> Option<Rect> {
        self.get_scaled(ch, 1).or_else(|| {
            self.entries.iter().find(|((c, _), _)| *c == ch).map(|(_, r)| *r)
        })
    }

    /// Location of `ch` at a given integer scale.
    pub fn get_scaled(&self, ch: char, scale: u32) -> Option<Rect> {
        self.entries.get(&(ch, scale)).copied()
    }

    /// Insert one glyph scaled by an integer factor. Glyphs missing from
    /// the face are skipped. Re-inserting returns the existing rectangle.
    pub fn insert(&mut self, face: &Face, ch: char, scale: u32) -> Result<Option<Rect>, AtlasFull> {
        let scale = scale.max(1);
        if let Some(r) = self.entries.get(&(ch, scale)) {
            return Ok(Some(*r));
        }
        let Some(g) = face.glyph(ch) else { return Ok(None) };
        if std::ptr::eq(face, Face::builtin()) {
            self.used_builtin = true;
        }
        let (w, h) = (g.width() * scale, g.height() * scale);
        let r = self.packer.insert(w, h).ok_or(AtlasFull { ch })?;
        let stride = self.width() as usize;
        for y in 0..h {
            for x in 0..w {
                if g.pixel(x / scale, y / scale) {
                    self.pixels[(r.y + y) as usize * stride + (r.x + x) as usize] = 255;
                }
            }
        }
        self.entries.insert((ch, scale), r);
        self.dirty = true;
        Ok(Some(r))
    }

    /// Insert every distinct character of `s`.
    pub fn insert_str(&mut self, face: &Face, s: &str, scale: u32) -> Result<(), AtlasFull> {
        for ch in s.chars() {
            if !ch.is_whitespace() {
                self.insert(face, ch, scale)?;
            }
        }
        Ok(())
    }

    /// Number of glyph entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no glyphs were inserted.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Fraction of the texture in use.
    pub fn occupancy(&self) -> f32 {
        self.packer.occupancy()
    }

    /// Remove every glyph and clear the texture.
    pub fn clear(&mut self) {
        self.packer.clear();
        self.pixels.iter_mut().for_each(|p| *p = 0);
        self.entries.clear();
        self.dirty = true;
    }

    /// Write the texture as a binary PGM (handy for debugging).
    pub fn write_pgm<W: Write>(&self, mut out: W) -> io::Result<()> {
        write!(out, "P5\n{} {}\n255\n", self.width(), self.height())?;
        out.write_all(&self.pixels)
    }
}

impl fmt::Debug for Atlas {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Atlas")
            .field("width", &self.width())
            .field("height", &self.height())
            .field("glyphs", &self.entries.len())
            .finish()
    }
}

impl Drop for Atlas {
    fn drop(&mut self) {
        if self.used_builtin {
            cache::sync(Face::builtin());
        }
    }
}
