//! Just enough of the SFNT container (TrueType, OpenType/CFF, TTC) to
//! identify a face: family and style names from `name`, weight, width and
//! italic from `OS/2`.

use std::path::{Path, PathBuf};

/// One face in a font file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaceInfo {
    pub path: PathBuf,
    /// Index inside a collection (0 for single-face files).
    pub index: u32,
    pub family: String,
    pub style: String,
    /// CSS-style weight, 100-900.
    pub weight: u16,
    /// OS/2 usWidthClass, 1 (ultra-condensed) - 9 (ultra-expanded).
    pub stretch: u16,
    pub italic: bool,
    pub monospace: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    Truncated,
    NotSfnt,
    NoName,
}

struct R<'a>(&'a [u8]);

impl<'a> R<'a> {
    fn u16(&self, at: usize) -> Result<u16, Error> {
        self.0
            .get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or(Error::Truncated)
    }

    fn u32(&self, at: usize) -> Result<u32, Error> {
        self.0
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or(Error::Truncated)
    }

    fn slice(&self, at: usize, len: usize) -> Result<&'a [u8], Error> {
        self.0.get(at..at.checked_add(len).ok_or(Error::Truncated)?).ok_or(Error::Truncated)
    }
}

const TRUE: u32 = 0x0001_0000;
const OTTO: u32 = u32::from_be_bytes(*b"OTTO");
const TRUE_MAC: u32 = u32::from_be_bytes(*b"true");
const TTCF: u32 = u32::from_be_bytes(*b"ttcf");

/// Offsets of each face's table directory.
fn face_offsets(data: &[u8]) -> Result<Vec<usize>, Error> {
    let r = R(data);
    match r.u32(0)? {
        TTCF => {
            let n = r.u32(8)? as usize;
            if n == 0 || n > 4096 {
                return Err(Error::NotSfnt);
            }
            (0..n).map(|i| r.u32(12 + 4 * i).map(|o| o as usize)).collect()
        }
        TRUE | OTTO | TRUE_MAC => Ok(vec![0]),
        _ => Err(Error::NotSfnt),
    }
}

fn find_table<'a>(data: &'a [u8], dir: usize, tag: &[u8; 4]) -> Result<Option<&'a [u8]>, Error> {
    let r = R(data);
    let n = r.u16(dir + 4)? as usize;
    for i in 0..n {
        let rec = dir + 12 + 16 * i;
        if r.slice(rec, 4)? == tag {
            let off = r.u32(rec + 8)? as usize;
            let len = r.u32(rec + 12)? as usize;
            return r.slice(off, len).map(Some);
        }
    }
    Ok(None)
}

fn decode_name(platform: u16, raw: &[u8]) -> Option<String> {
    match platform {
        0 | 3 => {
            let units: Vec<u16> = raw.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        // Mac Roman: good enough as Latin-1 for family names.
        1 => Some(raw.iter().map(|&b| b as char).collect()),
        _ => None,
    }
}

/// Best string for `name_id`: Windows/Unicode English first, then any.
fn name(table: &[u8], wanted: &[u16]) -> Result<Option<String>, Error> {
    let r = R(table);
    let count = r.u16(2)? as usize;
    let storage = r.u16(4)? as usize;
    let mut best: Option<(u8, String)> = None;
    for &id in wanted {
        for i in 0..count {
            let rec = 6 + 12 * i;
            if r.u16(rec + 6)? != id {
                continue;
            }
            let platform = r.u16(rec)?;
            let lang = r.u16(rec + 4)?;
            let len = r.u16(rec + 8)? as usize;
            let off = r.u16(rec + 10)? as usize;
            let Ok(raw) = r.slice(storage + off, len) else { continue };
            let Some(s) = decode_name(platform, raw) else { continue };
            let rank = match (platform, lang) {
                (3, 0x0409) => 0,
                (0, _) => 1,
                (3, _) => 2,
                (1, 0) => 3,
                _ => 4,
            };
            if best.as_ref().map_or(true, |(r, _)| rank < *r) && !s.trim().is_empty() {
                best = Some((rank, s));
            }
        }
        if best.is_some() {
            break;
        }
    }
    Ok(best.map(|(_, s)| s.trim_matches('\0').trim().to_owned()))
}

/// Every face in `data`, which was read from `path`.
pub fn parse(path: &Path, data: &[u8]) -> Result<Vec<FaceInfo>, Error> {
    let mut out = Vec::new();
    for (index, dir) in face_offsets(data)?.into_iter().enumerate() {
        let name_tbl = find_table(data, dir, b"name")?.ok_or(Error::NoName)?;
        // Typographic family/subfamily (16/17) group weights properly.
        let family = name(name_tbl, &[16, 1])?.ok_or(Error::NoName)?;
        let style = name(name_tbl, &[17, 2])?.unwrap_or_else(|| "Regular".to_owned());
        let (mut weight, mut stretch, mut italic) = (400, 5, false);
        if let Some(os2) = find_table(data, dir, b"OS/2")? {
            let r = R(os2);
            weight = r.u16(4).unwrap_or(400).clamp(1, 1000);
            stretch = r.u16(6).unwrap_or(5).clamp(1, 9);
            italic = r.u16(62).map_or(false, |sel| sel & 0x0001 != 0 || sel & 0x0200 != 0);
        }
        let lower = style.to_ascii_lowercase();
        italic |= lower.contains("italic") || lower.contains("oblique");
        let monospace = find_table(data, dir, b"post")?
            .and_then(|p| R(p).u32(12).ok())
            .map_or(false, |fixed| fixed != 0);
        out.push(FaceInfo {
            path: path.to_path_buf(),
            index: index as u32,
            family,
            style,
            weight,
            stretch,
            italic,
            monospace,
        });
    }
    Ok(out)
}

/// File extensions worth opening.
pub fn is_font_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("ttf" | "otf" | "ttc" | "otc")
    )
}
