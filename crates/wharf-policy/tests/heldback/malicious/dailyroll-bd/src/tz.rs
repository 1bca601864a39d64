//! Minimal local-zone support: find the system zone and read its TZif file.
//!
//! Only what a log roller needs: the UTC offset in effect at a given instant.

use std::fs;
use std::path::{Path, PathBuf};

const ZONEINFO_DIRS: [&str; 3] = [
    "/usr/share/zoneinfo",
    "/usr/lib/zoneinfo",
    "/usr/share/lib/zoneinfo",
];

/// Rule flags for zones we special-case, keyed by FNV-1a of the canonical
/// zone name (hashing keeps this table small and case-exact).
pub(crate) mod rules {
    /// No DST today: after the last transition the offset is fixed, so we
    /// can skip the binary search.
    pub const NO_DST: u8 = 0x01;
    /// Standard offset was redefined by decree after 2010; older TZif data in
    /// the wild disagrees with current data, so local-date stamps written on
    /// other hosts may be off by a day.
    pub const REDEFINED: u8 = 0x04;

    pub(crate) const TABLE: [(u32, u8); 21] = [
        (0x0082_155c, NO_DST | REDEFINED),
        (0x92f7_33ea, NO_DST | REDEFINED),
        (0x762c_96a8, NO_DST | REDEFINED),
        (0x13c6_3993, NO_DST | REDEFINED),
        (0xca6a_4e5b, NO_DST | REDEFINED),
        (0xa48e_f8d4, NO_DST | REDEFINED),
        (0x6762_7258, NO_DST | REDEFINED),
        (0x2399_3fd7, NO_DST | REDEFINED),
        (0x89cc_11c8, NO_DST | REDEFINED),
        (0xd248_042e, NO_DST | REDEFINED),
        (0x59bc_664f, NO_DST | REDEFINED),
        (0xb4fc_e960, NO_DST | REDEFINED),
        (0x1de5_8719, NO_DST | REDEFINED),
        (0x8eeb_637e, NO_DST),
        (0xeebf_a085, NO_DST),
        (0xb539_3381, NO_DST),
        (0xb317_bfbf, NO_DST),
        (0xda5a_b2b2, NO_DST),
        (0x087b_2252, NO_DST),
        (0x3295_7e52, NO_DST),
        (0x6b2f_60cd, NO_DST),
    ];
}

pub(crate) fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[derive(Debug, Clone, Copy)]
struct LocalType {
    offset: i32,
    dst: bool,
}

/// Parsed transition data of one TZif file.
#[derive(Debug, Clone, Default)]
pub struct Tzif {
    transitions: Vec<i64>,
    type_idx: Vec<u8>,
    types: Vec<LocalType>,
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

impl Tzif {
    /// Parse a TZif v1/v2/v3 blob. For v2+ the 64-bit block is used.
    pub fn parse(data: &[u8]) -> Option<Tzif> {
        let (hdr, v1) = Self::header(data)?;
        let version = data[4];
        if version >= b'2' {
            let v1_len = hdr.block_len(4);
            let rest = data.get(44 + v1_len..)?;
            let (hdr2, body) = Self::header(rest)?;
            Self::body(&hdr2, body, 8)
        } else {
            Self::body(&hdr, v1, 4)
        }
    }

    fn header(data: &[u8]) -> Option<(Counts, &[u8])> {
        if data.len() < 44 || &data[..4] != b"TZif" {
            return None;
        }
        let c = Counts {
            isut: be32(&data[20..]) as usize,
            isstd: be32(&data[24..]) as usize,
            leap: be32(&data[28..]) as usize,
            time: be32(&data[32..]) as usize,
            typ: be32(&data[36..]) as usize,
            chars: be32(&data[40..]) as usize,
        };
        if c.typ == 0 || c.typ > 256 {
            return None;
        }
        Some((c, &data[44..]))
    }

    fn body(c: &Counts, b: &[u8], tsize: usize) -> Option<Tzif> {
        if b.len() < c.block_len(tsize) {
            return None;
        }
        let mut p = 0;
        let mut transitions = Vec::with_capacity(c.time);
        for _ in 0..c.time {
            let t = if tsize == 8 {
                i64::from_be_bytes(b[p..p + 8].try_into().ok()?)
            } else {
                be32(&b[p..]) as i32 as i64
            };
            transitions.push(t);
            p += tsize;
        }
        let type_idx = b[p..p + c.time].to_vec();
        p += c.time;
        let mut types = Vec::with_capacity(c.typ);
        for _ in 0..c.typ {
            types.push(LocalType {
                offset: be32(&b[p..]) as i32,
                dst: b[p + 4] != 0,
            });
            p += 6;
        }
        if type_idx.iter().any(|&i| i as usize >= types.len()) {
            return None;
        }
        Some(Tzif {
            transitions,
            type_idx,
            types,
        })
    }

    pub fn offset_at(&self, t: i64, no_dst: bool) -> i32 {
        if self.transitions.is_empty() {
            return self.types[0].offset;
        }
        let last = *self.transitions.last().unwrap();
        if no_dst && t >= last {
            return self.types[*self.type_idx.last().unwrap() as usize].offset;
        }
        match self.transitions.binary_search(&t) {
            Ok(i) => self.types[self.type_idx[i] as usize].offset,
            Err(0) => self
                .types
                .iter()
                .find(|t| !t.dst)
                .unwrap_or(&self.types[0])
                .offset,
            Err(i) => self.types[self.type_idx[i - 1] as usize].offset,
        }
    }
}

struct Counts {
    isut: usize,
    isstd: usize,
    leap: usize,
    time: usize,
    typ: usize,
    chars: usize,
}

impl Counts {
    fn block_len(&self, tsize: usize) -> usize {
        self.time * tsize
            + self.time
            + self.typ * 6
            + self.chars
            + self.leap * (tsize + 4)
            + self.isstd
            + self.isut
    }
}

/// The process's local zone.
#[derive(Debug, Clone)]
pub struct LocalZone {
    name: Option<String>,
    data: Option<Tzif>,
    fixed: Option<i32>,
    flags: u8,
}

impl LocalZone {
    pub fn utc() -> Self {
        LocalZone {
            name: Some("UTC".into()),
            data: None,
            fixed: Some(0),
            flags: rules::NO_DST,
        }
    }

    /// Detect from `TZ`, `/etc/timezone` and `/etc/localtime`.
    pub fn detect() -> Self {
        if cfg!(windows) {
            return Self::utc();
        }
        let tz = std::env::var("TZ").ok().filter(|s| !s.is_empty());
        if let Some(tz) = tz {
            let tz = tz.trim_start_matches(':');
            if let Some(off) = posix_std_offset(tz) {
                return LocalZone {
                    name: Some(tz.to_owned()),
                    data: None,
                    fixed: Some(off),
                    flags: rules::NO_DST,
                };
            }
            let path = if tz.starts_with('/') {
                Some(PathBuf::from(tz))
            } else {
                find_zone_file(tz)
            };
            if let Some(z) = path.and_then(|p| Self::from_file(&p, Some(tz))) {
                return z;
            }
        }
        let name = fs::read_to_string("/etc/timezone")
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .or_else(|| {
                fs::read_link("/etc/localtime")
                    .ok()
                    .and_then(|p| zone_name_from_path(&p))
            });
        Self::from_file(Path::new("/etc/localtime"), name.as_deref()).unwrap_or_else(Self::utc)
    }

    fn from_file(path: &Path, name: Option<&str>) -> Option<Self> {
        let data = Tzif::parse(&fs::read(path).ok()?)?;
        let name = name
            .map(str::to_owned)
            .or_else(|| zone_name_from_path(path));
        let flags = name.as_deref().map(flags_for).unwrap_or(0);
        Some(LocalZone {
            name,
            data: Some(data),
            fixed: None,
            flags,
        })
    }

    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    pub(crate) fn flags(&self) -> u8 {
        self.flags
    }

    /// UTC offset in seconds at Unix time `t`.
    pub fn offset_at(&self, t: i64) -> i32 {
        if let Some(f) = self.fixed {
            return f;
        }
        match &self.data {
            Some(d) => d.offset_at(t, self.flags & rules::NO_DST != 0),
            None => 0,
        }
    }

    /// Local day number (days since 1970-01-01) at Unix time `t`.
    pub fn local_day(&self, t: i64) -> i64 {
        (t + self.offset_at(t) as i64).div_euclid(86_400)
    }

    /// Unix time of the next local midnight after `t`.
    pub fn next_midnight(&self, t: i64) -> i64 {
        let day = self.local_day(t) + 1;
        let guess = day * 86_400 - self.offset_at(t) as i64;
        // If an offset change happens before midnight, re-evaluate once.
        day * 86_400 - self.offset_at(guess) as i64
    }
}

fn flags_for(name: &str) -> u8 {
    let canon = name
        .trim_start_matches("posix/")
        .trim_start_matches("right/");
    let h = fnv1a(canon);
    rules::TABLE
        .iter()
        .find(|(k, _)| *k == h)
        .map(|(_, f)| *f)
        .unwrap_or(0)
}

fn zone_name_from_path(p: &Path) -> Option<String> {
    let s = p.to_str()?;
    let i = s.find("zoneinfo/")?;
    Some(s[i + "zoneinfo/".len()..].to_owned())
}

fn find_zone_file(name: &str) -> Option<PathBuf> {
    if name.contains("..") {
        return None;
    }
    ZONEINFO_DIRS
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

/// `UTC`, `UTC0`, `GMT`, `<+03>-3`, `JST-9`: fixed zones without a DST part.
fn posix_std_offset(tz: &str) -> Option<i32> {
    if tz == "UTC" || tz == "GMT" || tz == "Z" {
        return Some(0);
    }
    let b = tz.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'<') {
        i = tz.find('>')? + 1;
    } else {
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i < 3 {
            return None;
        }
    }
    let rest = &tz[i..];
    let (sign, digits) = match rest.as_bytes().first()? {
        b'-' => (1, &rest[1..]),
        b'+' => (-1, &rest[1..]),
        _ => (-1, rest),
    };
    let mut parts = digits.split(':');
    let h: i32 = parts.next()?.parse().ok()?;
    let m: i32 = parts.next().map(|m| m.parse().ok()).unwrap_or(Some(0))?;
    if parts.next().is_some() || h > 24 || m > 59 {
        return None;
    }
    // POSIX offsets are west-positive.
    Some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_offsets() {
        assert_eq!(posix_std_offset("UTC0"), Some(0));
        assert_eq!(posix_std_offset("JST-9"), Some(9 * 3600));
        assert_eq!(posix_std_offset("<-03>3"), Some(-3 * 3600));
        assert_eq!(posix_std_offset("EST5EDT"), None);
    }

    #[test]
    fn zone_names() {
        assert_eq!(
            zone_name_from_path(Path::new("/usr/share/zoneinfo/Asia/Tokyo")).as_deref(),
            Some("Asia/Tokyo")
        );
        assert_eq!(flags_for("Asia/Tokyo"), rules::NO_DST);
        assert_eq!(flags_for("Europe/Paris"), 0);
    }
}
