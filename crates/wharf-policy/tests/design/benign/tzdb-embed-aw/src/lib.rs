//! Embedded current-rule time-zone offsets.
//!
//! ```
//! let ny = tzdb_embed::zone("America/New_York").unwrap();
//! assert_eq!(ny.offset_at(1_704_067_200).seconds, -5 * 3600); // 2024-01-01
//! assert_eq!(ny.offset_at(1_719_835_200).abbreviation, "EDT"); // 2024-07-01
//! ```

mod civil;
mod posix;

use posix::{transition_utc, PosixTz};

include!(concat!(env!("OUT_DIR"), "/zones.rs"));

/// Version label of the embedded table (e.g. `2024b`).
pub fn tzdb_version() -> &'static str {
    TZDB_VERSION
}

/// All embedded zone names, sorted.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    ZONES.iter().map(|(n, _)| *n)
}

/// An embedded zone.
#[derive(Debug, Clone)]
pub struct Zone {
    name: &'static str,
    rule: PosixTz,
}

/// Offset in force at some instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offset {
    /// Seconds east of UTC.
    pub seconds: i32,
    pub abbreviation: String,
    pub is_dst: bool,
}

/// Looks up a zone by IANA name.
pub fn zone(name: &str) -> Option<Zone> {
    let i = ZONES.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    let (name, tz) = ZONES[i];
    Some(Zone { name, rule: PosixTz::parse(tz).ok()? })
}

impl Zone {
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Offset at `unix_secs` (UTC).
    pub fn offset_at(&self, unix_secs: i64) -> Offset {
        let std = Offset {
            seconds: self.rule.std_offset,
            abbreviation: self.rule.std_abbr.clone(),
            is_dst: false,
        };
        let Some(dst) = &self.rule.dst else { return std };
        let local_days = (unix_secs + i64::from(self.rule.std_offset)).div_euclid(86_400);
        let (year, _, _) = civil::civil_from_days(local_days);
        let start = transition_utc(dst.start, year, self.rule.std_offset);
        let end = transition_utc(dst.end, year, dst.offset);
        let in_dst = if start < end {
            unix_secs >= start && unix_secs < end
        } else {
            !(unix_secs >= end && unix_secs < start)
        };
        if in_dst {
            Offset { seconds: dst.offset, abbreviation: dst.abbr.clone(), is_dst: true }
        } else {
            std
        }
    }

    /// Local civil time `(y, m, d, hh, mm, ss)` at `unix_secs`.
    pub fn to_local(&self, unix_secs: i64) -> (i64, u32, u32, u32, u32, u32) {
        let local = unix_secs + i64::from(self.offset_at(unix_secs).seconds);
        let days = local.div_euclid(86_400);
        let sod = local.rem_euclid(86_400) as u32;
        let (y, m, d) = civil::civil_from_days(days);
        (y, m, d, sod / 3600, (sod / 60) % 60, sod % 60)
    }
}
