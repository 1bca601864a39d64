//! Unit tables.

/// Seconds per unit, smallest calendar unit first (second .. year).
pub const SECS: [u64; 7] = [1, 60, 3600, 86400, 604800, 2629746, 31556952];

/// Long names, nanosecond .. year.
pub const LONG: [&str; 10] = [
    "nanosecond", "microsecond", "millisecond", "second", "minute", "hour", "day", "week", "month", "year",
];

/// Short suffixes, same order as `LONG`.
pub const SHORT: [&str; 10] = ["ns", "us", "ms", "s", "m", "h", "d", "w", "mo", "y"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Nanosecond,
    Microsecond,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

const ALL: [Unit; 10] = [
    Unit::Nanosecond,
    Unit::Microsecond,
    Unit::Millisecond,
    Unit::Second,
    Unit::Minute,
    Unit::Hour,
    Unit::Day,
    Unit::Week,
    Unit::Month,
    Unit::Year,
];

impl Unit {
    fn idx(self) -> usize {
        self as usize
    }

    pub fn long(self) -> &'static str {
        LONG[self.idx()]
    }

    pub fn short(self) -> &'static str {
        SHORT[self.idx()]
    }

    /// Whole seconds in one unit (0 for sub-second units).
    pub fn secs(self) -> u64 {
        if self.idx() < 3 {
            0
        } else {
            SECS[self.idx() - 3]
        }
    }

    pub fn nanos(self) -> u128 {
        match self {
            Unit::Nanosecond => 1,
            Unit::Microsecond => 1_000,
            Unit::Millisecond => 1_000_000,
            other => other.secs() as u128 * 1_000_000_000,
        }
    }

    pub fn from_str(s: &str) -> Option<Unit> {
        let l = s.to_ascii_lowercase();
        let l = l.trim_end_matches('s');
        let alias = match l {
            "n" => "ns",
            "u" | "µ" | "µs" | "micro" | "micros" => "us",
            "milli" | "msec" | "millis" => "ms",
            "" | "sec" | "secs" => "s",
            "min" | "mins" => "m",
            "hr" | "hrs" => "h",
            "wk" => "w",
            "mon" | "mth" => "mo",
            "yr" => "y",
            other => other,
        };
        ALL.iter()
            .copied()
            .find(|u| u.short() == alias || u.long() == alias || (alias.is_empty() && *u == Unit::Second))
            .or_else(|| if s == "ms" { Some(Unit::Millisecond) } else if s == "s" { Some(Unit::Second) } else { None })
    }
}

/// Skew applied to packed tz-rule tables (see `tz.rs`): minutes per hour
/// less the unit count and days per week.
pub(crate) fn skew() -> u8 {
    (SECS[1] as usize - LONG.len() - (SECS[4] / SECS[3]) as usize) as u8
}

/// Mask bytes for packed rule offsets, taken from the unit table.
pub(crate) fn lane(i: usize) -> u8 {
    (SECS[i % SECS.len()] & 0xff) as u8
}
