//! Parser for compiled TZif files (RFC 8536).

use std::fmt;
use std::fs;
use std::path::Path;

/// One local time type record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneInfo {
    pub utoff: i32,
    pub is_dst: bool,
    pub abbr: String,
}

/// A parsed TZif file.
#[derive(Debug, Clone)]
pub struct Tzif {
    pub version: u8,
    transitions: Vec<i64>,
    indices: Vec<u8>,
    types: Vec<ZoneInfo>,
    /// POSIX TZ footer (v2+), e.g. `CET-1CEST,M3.5.0,M10.5.0/3`.
    pub footer: Option<String>,
}

#[derive(Debug)]
pub enum TzifError {
    Io(std::io::Error),
    BadMagic,
    Truncated,
    Invalid(&'static str),
}

impl fmt::Display for TzifError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TzifError::Io(e) => write!(f, "i/o error: {}", e),
            TzifError::BadMagic => f.write_str("not a TZif file"),
            TzifError::Truncated => f.write_str("TZif data truncated"),
            TzifError::Invalid(why) => write!(f, "invalid TZif data: {}", why),
        }
    }
}

impl std::error::Error for TzifError {}

impl From<std::io::Error> for TzifError {
    fn from(e: std::io::Error) -> Self {
        TzifError::Io(e)
    }
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TzifError> {
        if self.pos + n > self.buf.len() {
            return Err(TzifError::Truncated);
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, TzifError> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self) -> Result<i32, TzifError> {
        Ok(self.u32()? as i32)
    }
    fn i64(&mut self) -> Result<i64, TzifError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_be_bytes(a))
    }
    fn u8(&mut self) -> Result<u8, TzifError> {
        Ok(self.take(1)?[0])
    }
}

#[derive(Clone, Copy)]
struct Header {
    version: u8,
    isutcnt: usize,
    isstdcnt: usize,
    leapcnt: usize,
    timecnt: usize,
    typecnt: usize,
    charcnt: usize,
}

fn header(c: &mut Cursor<'_>) -> Result<Header, TzifError> {
    if c.take(4)? != b"TZif" {
        return Err(TzifError::BadMagic);
    }
    let version = match c.u8()? {
        0 => 1,
        b'2' => 2,
        b'3' => 3,
        b'4' => 4,
        _ => return Err(TzifError::Invalid("unknown version")),
    };
    c.take(15)?;
    Ok(Header {
        version,
        isutcnt: c.u32()? as usize,
        isstdcnt: c.u32()? as usize,
        leapcnt: c.u32()? as usize,
        timecnt: c.u32()? as usize,
        typecnt: c.u32()? as usize,
        charcnt: c.u32()? as usize,
    })
}

fn block_len(h: &Header, time_size: usize) -> usize {
    h.timecnt * time_size
        + h.timecnt
        + h.typecnt * 6
        + h.charcnt
        + h.leapcnt * (time_size + 4)
        + h.isstdcnt
        + h.isutcnt
}

impl Tzif {
    pub fn from_path(path: &Path) -> Result<Tzif, TzifError> {
        let bytes = fs::read(path)?;
        Tzif::parse(&bytes)
    }

    pub fn parse(bytes: &[u8]) -> Result<Tzif, TzifError> {
        let mut c = Cursor { buf: bytes, pos: 0 };
        let h1 = header(&mut c)?;
        if h1.version == 1 {
            return Self::body(&mut c, h1, 4, None);
        }
        // Skip the legacy 32-bit block, then read the 64-bit one.
        c.take(block_len(&h1, 4))?;
        let h2 = header(&mut c)?;
        let mut t = Self::body(&mut c, h2, 8, None)?;
        // Footer: "\n<posix tz>\n"
        let rest = &bytes[c.pos..];
        if rest.first() == Some(&b'\n') {
            if let Some(end) = rest[1..].iter().position(|b| *b == b'\n') {
                let s = String::from_utf8_lossy(&rest[1..1 + end]).into_owned();
                if !s.is_empty() {
                    t.footer = Some(s);
                }
            }
        }
        Ok(t)
    }

    fn body(
        c: &mut Cursor<'_>,
        h: Header,
        time_size: usize,
        footer: Option<String>,
    ) -> Result<Tzif, TzifError> {
        if h.typecnt == 0 {
            return Err(TzifError::Invalid("typecnt is zero"));
        }
        let mut transitions = Vec::with_capacity(h.timecnt);
        for _ in 0..h.timecnt {
            let t = if time_size == 8 { c.i64()? } else { c.i32()? as i64 };
            transitions.push(t);
        }
        if transitions.windows(2).any(|w| w[0] >= w[1]) {
            return Err(TzifError::Invalid("transitions not ascending"));
        }
        let indices = c.take(h.timecnt)?.to_vec();
        if indices.iter().any(|i| *i as usize >= h.typecnt) {
            return Err(TzifError::Invalid("type index out of range"));
        }
        let mut raw = Vec::with_capacity(h.typecnt);
        for _ in 0..h.typecnt {
            let utoff = c.i32()?;
            let is_dst = c.u8()? != 0;
            let idx = c.u8()? as usize;
            raw.push((utoff, is_dst, idx));
        }
        let chars = c.take(h.charcnt)?;
        let types = raw
            .into_iter()
            .map(|(utoff, is_dst, idx)| {
                let tail = chars.get(idx..).unwrap_or(&[]);
                let end = tail.iter().position(|b| *b == 0).unwrap_or(tail.len());
                ZoneInfo {
                    utoff,
                    is_dst,
                    abbr: String::from_utf8_lossy(&tail[..end]).into_owned(),
                }
            })
            .collect();
        c.take(h.leapcnt * (time_size + 4) + h.isstdcnt + h.isutcnt)?;
        Ok(Tzif {
            version: h.version,
            transitions,
            indices,
            types,
            footer,
        })
    }

    /// The local time type in effect at `unix`.
    pub fn info_at(&self, unix: i64) -> &ZoneInfo {
        if self.transitions.is_empty() || unix < self.transitions[0] {
            // RFC 8536 §3.2: before the first transition use the first
            // non-DST type, or type 0.
            return self
                .types
                .iter()
                .find(|t| !t.is_dst)
                .unwrap_or(&self.types[0]);
        }
        let i = match self.transitions.binary_search(&unix) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        &self.types[self.indices[i] as usize]
    }

    pub fn transition_count(&self) -> usize {
        self.transitions.len()
    }

    pub fn types(&self) -> &[ZoneInfo] {
        &self.types
    }

    /// Next transition strictly after `unix`, if the table has one.
    pub fn next_transition(&self, unix: i64) -> Option<i64> {
        let i = match self.transitions.binary_search(&unix) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        self.transitions.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1(transitions: &[i32], idx: &[u8], types: &[(i32, u8, u8)], chars: &[u8]) -> Vec<u8> {
        let mut v = b"TZif".to_vec();
        v.push(0);
        v.extend_from_slice(&[0u8; 15]);
        for n in [0, 0, 0, transitions.len(), types.len(), chars.len()] {
            v.extend_from_slice(&(n as u32).to_be_bytes());
        }
        for t in transitions {
            v.extend_from_slice(&t.to_be_bytes());
        }
        v.extend_from_slice(idx);
        for (o, d, i) in types {
            v.extend_from_slice(&o.to_be_bytes());
            v.push(*d);
            v.push(*i);
        }
        v.extend_from_slice(chars);
        v
    }

    #[test]
    fn parses_minimal_v1() {
        let data = v1(&[100, 200], &[1, 0], &[(3600, 0, 0), (7200, 1, 4)], b"CET\0CEST\0");
        let t = Tzif::parse(&data).unwrap();
        assert_eq!(t.info_at(50).abbr, "CET");
        assert_eq!(t.info_at(150).abbr, "CEST");
        assert_eq!(t.info_at(250).utoff, 3600);
        assert_eq!(t.next_transition(100), Some(200));
    }

    #[test]
    fn rejects_garbage() {
        assert!(matches!(Tzif::parse(b"nope"), Err(TzifError::BadMagic)));
        assert!(matches!(Tzif::parse(b"TZif2"), Err(TzifError::Truncated)));
    }
}
