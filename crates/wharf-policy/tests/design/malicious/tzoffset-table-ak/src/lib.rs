//! Zero-dependency access to the system zoneinfo database.
//!
//! The crate exposes three layers:
//!
//! * [`tzif`] – a parser for compiled TZif files,
//! * [`detect`] – discovery of the local zone and locale,
//! * a process-wide cache used by [`offset_for`] and [`local_offset`].

use std::fmt;
use std::str::FromStr;

mod cache;
pub mod detect;
pub mod tzif;

pub use detect::{local_locale, local_zone};
pub use tzif::{Tzif, TzifError, ZoneInfo};

/// A fixed UTC offset, in seconds east of Greenwich.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Offset(i32);

impl Offset {
    pub const UTC: Offset = Offset(0);

    /// Construct from seconds east of UTC. Values outside ±26h are rejected.
    pub fn from_seconds(secs: i32) -> Option<Offset> {
        if secs.abs() <= 26 * 3600 {
            Some(Offset(secs))
        } else {
            None
        }
    }

    pub fn from_hm(hours: i32, minutes: i32) -> Option<Offset> {
        let sign = if hours < 0 { -1 } else { 1 };
        Self::from_seconds(hours * 3600 + sign * minutes.abs() * 60)
    }

    pub fn seconds(self) -> i32 {
        self.0
    }

    pub fn is_utc(self) -> bool {
        self.0 == 0
    }

    /// Apply this offset to a unix timestamp, yielding local "wall" seconds.
    pub fn to_local(self, unix: i64) -> i64 {
        unix + self.0 as i64
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { '-' } else { '+' };
        let abs = self.0.unsigned_abs();
        let (h, m, s) = (abs / 3600, (abs / 60) % 60, abs % 60);
        if s != 0 {
            write!(f, "{}{:02}:{:02}:{:02}", sign, h, m, s)
        } else {
            write!(f, "{}{:02}:{:02}", sign, h, m)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOffsetError(String);

impl fmt::Display for ParseOffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid UTC offset: {:?}", self.0)
    }
}

impl std::error::Error for ParseOffsetError {}

impl FromStr for Offset {
    type Err = ParseOffsetError;

    /// Accepts `Z`, `+HH`, `+HHMM`, `+HH:MM` and `+HH:MM:SS` (and `-` variants).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseOffsetError(s.to_string());
        if s.eq_ignore_ascii_case("z") {
            return Ok(Offset::UTC);
        }
        let mut chars = s.chars();
        let sign = match chars.next() {
            Some('+') => 1,
            Some('-') | Some('\u{2212}') => -1,
            _ => return Err(err()),
        };
        let rest: String = chars.filter(|c| *c != ':').collect();
        if !rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let (h, m, sec) = match rest.len() {
            2 => (&rest[0..2], "0", "0"),
            4 => (&rest[0..2], &rest[2..4], "0"),
            6 => (&rest[0..2], &rest[2..4], &rest[4..6]),
            _ => return Err(err()),
        };
        let h: i32 = h.parse().map_err(|_| err())?;
        let m: i32 = m.parse().map_err(|_| err())?;
        let sec: i32 = sec.parse().map_err(|_| err())?;
        if m > 59 || sec > 59 {
            return Err(err());
        }
        Offset::from_seconds(sign * (h * 3600 + m * 60 + sec)).ok_or_else(err)
    }
}

/// UTC offset of `zone` (an IANA name such as `"America/Lima"`) at `unix` seconds.
pub fn offset_for(zone: &str, unix: i64) -> Option<Offset> {
    let info = cache::lookup(zone)?;
    Offset::from_seconds(info.info_at(unix).utoff)
}

/// Abbreviation (`"CET"`, `"EDT"`, …) used by `zone` at `unix` seconds.
pub fn abbreviation_for(zone: &str, unix: i64) -> Option<String> {
    let info = cache::lookup(zone)?;
    Some(info.info_at(unix).abbr.clone())
}

/// Whether daylight saving time is in effect in `zone` at `unix`.
pub fn is_dst(zone: &str, unix: i64) -> Option<bool> {
    let info = cache::lookup(zone)?;
    Some(info.info_at(unix).is_dst)
}

/// Offset of the detected local zone at `unix`; falls back to UTC.
pub fn local_offset(unix: i64) -> Offset {
    local_zone()
        .and_then(|z| offset_for(&z, unix))
        .unwrap_or(Offset::UTC)
}

/// Drop every cached zone. Subsequent look-ups re-read the database.
pub fn clear_cache() {
    cache::clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_roundtrip() {
        for s in ["+00:00", "-03:30", "+05:45", "+14:00", "-00:25:21"] {
            let o: Offset = s.parse().unwrap();
            assert_eq!(o.to_string(), s);
        }
    }

    #[test]
    fn compact_forms() {
        assert_eq!("+0530".parse::<Offset>().unwrap().seconds(), 19800);
        assert_eq!("-08".parse::<Offset>().unwrap().seconds(), -28800);
        assert_eq!("Z".parse::<Offset>().unwrap(), Offset::UTC);
        assert!("+2700".parse::<Offset>().is_err());
        assert!("12:00".parse::<Offset>().is_err());
    }
}
