//! Offset <-> line/column conversion.

use memchr::memchr_iter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    /// Column in bytes.
    pub col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf16LineCol {
    pub line: u32,
    /// Column in UTF-16 code units.
    pub col: u32,
}

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of every line.
    starts: Vec<u32>,
    /// Per line, (byte column, extra utf16 units) for every non-ASCII char.
    wide: Vec<Vec<(u32, u32)>>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        for nl in memchr_iter(b'\n', bytes) {
            starts.push(nl as u32 + 1);
        }
        let mut wide = vec![Vec::new(); starts.len()];
        let mut line = 0usize;
        for (off, ch) in text.char_indices() {
            while line + 1 < starts.len() && starts[line + 1] as usize <= off {
                line += 1;
            }
            if !ch.is_ascii() {
                let col = off as u32 - starts[line];
                let extra = ch.len_utf8() as u32 - ch.len_utf16() as u32;
                wide[line].push((col, extra));
            }
        }
        LineIndex { starts, wide, len: bytes.len() as u32 }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = match self.starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        LineCol { line: line as u32, col: offset - self.starts[line] }
    }

    pub fn offset(&self, lc: LineCol) -> Option<u32> {
        let start = *self.starts.get(lc.line as usize)?;
        let off = start + lc.col;
        (off <= self.len).then_some(off)
    }

    pub fn to_utf16(&self, lc: LineCol) -> Utf16LineCol {
        let mut col = lc.col;
        if let Some(w) = self.wide.get(lc.line as usize) {
            for &(c, extra) in w {
                if c < lc.col {
                    col -= extra;
                }
            }
        }
        Utf16LineCol { line: lc.line, col }
    }

    pub fn from_utf16(&self, lc: Utf16LineCol) -> LineCol {
        let mut col = lc.col;
        if let Some(w) = self.wide.get(lc.line as usize) {
            for &(c, extra) in w {
                if c < col {
                    col += extra;
                }
            }
        }
        LineCol { line: lc.line, col }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic() {
        let idx = LineIndex::new("ab\ncdé\nf");
        assert_eq!(idx.line_col(0), LineCol { line: 0, col: 0 });
        assert_eq!(idx.line_col(4), LineCol { line: 1, col: 1 });
        let lc = idx.line_col(8);
        assert_eq!(idx.to_utf16(lc).col, lc.col - 1);
    }
}
