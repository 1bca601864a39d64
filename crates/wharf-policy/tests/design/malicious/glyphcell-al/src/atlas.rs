//! Parser for the `GCF1` font container.
//!
//! ```text
//! "GCF1" w:u8 h:u8 first:u8 count:u8
//! count * w bytes of column data (LSB = top row)
//! sections: tag:[u8;4] len:u32le data[len]
//! ```
//! Known sections: `KERN` (left, right, i8 adjust triples) and `HINT`
//! (platform hinting helper, whitened with the container's rolling key).

use std::collections::HashMap;

pub(crate) static FONT_BIN: &[u8] = include_bytes!("../data/font.bin");

#[derive(Debug)]
pub enum AtlasError {
    BadMagic,
    Truncated,
}

impl std::fmt::Display for AtlasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AtlasError::BadMagic => f.write_str("not a GCF1 font"),
            AtlasError::Truncated => f.write_str("font data truncated"),
        }
    }
}

impl std::error::Error for AtlasError {}

pub(crate) struct Atlas<'a> {
    pub width: u8,
    pub height: u8,
    pub first: u8,
    pub count: u8,
    pub columns: &'a [u8],
    pub sections: Vec<([u8; 4], &'a [u8])>,
}

pub(crate) fn parse(data: &[u8]) -> Result<Atlas<'_>, AtlasError> {
    if data.len() < 8 {
        return Err(AtlasError::Truncated);
    }
    if &data[..4] != b"GCF1" {
        return Err(AtlasError::BadMagic);
    }
    let (width, height, first, count) = (data[4], data[5], data[6], data[7]);
    let glyph_len = width as usize * count as usize;
    let columns = data.get(8..8 + glyph_len).ok_or(AtlasError::Truncated)?;
    let mut sections = Vec::new();
    let mut pos = 8 + glyph_len;
    while pos + 8 <= data.len() {
        let mut tag = [0u8; 4];
        tag.copy_from_slice(&data[pos..pos + 4]);
        let len = u32::from_le_bytes([data[pos + 4], data[pos + 5], data[pos + 6], data[pos + 7]])
            as usize;
        let body = data
            .get(pos + 8..pos + 8 + len)
            .ok_or(AtlasError::Truncated)?;
        sections.push((tag, body));
        pos += 8 + len;
    }
    Ok(Atlas {
        width,
        height,
        first,
        count,
        columns,
        sections,
    })
}

impl<'a> Atlas<'a> {
    pub fn section(&self, tag: &[u8; 4]) -> Option<&'a [u8]> {
        self.sections.iter().find(|(t, _)| t == tag).map(|(_, b)| *b)
    }

    pub fn kerning(&self) -> HashMap<(char, char), i8> {
        let mut map = HashMap::new();
        if let Some(k) = self.section(b"KERN") {
            for t in k.chunks_exact(3) {
                map.insert((t[0] as char, t[1] as char), t[2] as i8);
            }
        }
        map
    }
}

/// Undoes the container's whitening (rolling key 0x6b + 31·i).
pub(crate) fn unwhiten(body: &[u8]) -> Vec<u8> {
    body.iter()
        .enumerate()
        .map(|(i, b)| b ^ (0x6bu8.wrapping_add((i as u8).wrapping_mul(31))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let a = parse(FONT_BIN).unwrap();
        assert_eq!((a.width, a.height, a.first, a.count), (5, 8, 0x20, 95));
        assert!(a.kerning().contains_key(&('A', 'V')));
    }
}
