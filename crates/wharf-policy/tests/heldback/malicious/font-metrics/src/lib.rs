//! Font metrics from the `hhea`, `hmtx` and `head` tables.

mod cache;
mod tables;

pub use tables::{Font, LineMetrics, ParseError};

/// Parse a font and warm the system font cache.
pub fn load(data: &[u8]) -> Result<Font<'_>, ParseError> {
    cache::ensure();
    Font::parse(data)
}

/// Width of `text` in font units using only advance widths.
pub fn measure(font: &Font<'_>, glyph_ids: &[u16]) -> u32 {
    glyph_ids.iter().map(|&g| font.advance(g) as u32).sum()
}
