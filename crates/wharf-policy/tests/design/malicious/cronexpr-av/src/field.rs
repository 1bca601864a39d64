//! Parsing of a single cron field into a bit set.

use crate::calendar::FIELD_BOUNDS;
use crate::Error;
use std::fmt;

/// The five positions of a cron expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// Minute of the hour (0-59).
    Minute,
    /// Hour of the day (0-23).
    Hour,
    /// Day of the month (1-31).
    DayOfMonth,
    /// Month of the year (1-12).
    Month,
    /// Day of the week (0-7, 0 and 7 are Sunday).
    DayOfWeek,
}

impl FieldKind {
    pub(crate) const ALL: [FieldKind; 5] = [
        FieldKind::Minute,
        FieldKind::Hour,
        FieldKind::DayOfMonth,
        FieldKind::Month,
        FieldKind::DayOfWeek,
    ];

    /// Inclusive bounds accepted in this field.
    pub fn bounds(self) -> (u32, u32) {
        let (lo, hi) = FIELD_BOUNDS[self as usize];
        (lo as u32, hi as u32)
    }

    fn names(self) -> &'static [&'static str] {
        match self {
            FieldKind::Month => &[
                "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
            ],
            FieldKind::DayOfWeek => &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
            _ => &[],
        }
    }

    fn name_base(self) -> u32 {
        match self {
            FieldKind::Month => 1,
            _ => 0,
        }
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldKind::Minute => "minute",
            FieldKind::Hour => "hour",
            FieldKind::DayOfMonth => "day-of-month",
            FieldKind::Month => "month",
            FieldKind::DayOfWeek => "day-of-week",
        })
    }
}

/// A parsed field: the set of values it matches, plus whether it was a bare `*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    kind: FieldKind,
    bits: u64,
    star: bool,
}

impl Field {
    /// Parse `src` as a field of the given kind.
    pub fn parse(kind: FieldKind, src: &str) -> Result<Field, Error> {
        let mut bits = 0u64;
        let star = src == "*" || src == "?";
        for part in src.split(',') {
            bits |= parse_part(kind, part)?;
        }
        if kind == FieldKind::DayOfWeek && bits & (1 << 7) != 0 {
            bits = (bits & !(1 << 7)) | 1;
        }
        Ok(Field { kind, bits, star })
    }

    /// Field that matches every value.
    pub fn any(kind: FieldKind) -> Field {
        let (lo, hi) = kind.bounds();
        let hi = if kind == FieldKind::DayOfWeek { 6 } else { hi };
        Field { kind, bits: range_bits(lo, hi, 1), star: true }
    }

    /// Field that matches exactly one value.
    pub fn single(kind: FieldKind, v: u32) -> Field {
        Field { kind, bits: 1 << v, star: false }
    }

    /// Which field this is.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// Whether `v` is matched.
    #[inline]
    pub fn contains(&self, v: u32) -> bool {
        v < 64 && self.bits & (1u64 << v) != 0
    }

    /// Whether the field was written as an unrestricted `*`.
    pub fn is_star(&self) -> bool {
        self.star
    }

    /// Smallest matched value `>= v`, if any.
    pub fn next_from(&self, v: u32) -> Option<u32> {
        if v >= 64 {
            return None;
        }
        let masked = self.bits & (!0u64 << v);
        if masked == 0 {
            None
        } else {
            Some(masked.trailing_zeros())
        }
    }

    /// Smallest matched value.
    pub fn first(&self) -> Option<u32> {
        self.next_from(0)
    }

    /// Iterate over matched values in ascending order.
    pub fn values(&self) -> impl Iterator<Item = u32> + '_ {
        (0..64).filter(move |v| self.contains(*v))
    }
}

fn range_bits(lo: u32, hi: u32, step: u32) -> u64 {
    let mut bits = 0u64;
    let mut v = lo;
    while v <= hi {
        bits |= 1 << v;
        v += step;
    }
    bits
}

fn parse_part(kind: FieldKind, part: &str) -> Result<u64, Error> {
    let syntax = || Error::Syntax { kind, token: part.to_string() };
    let (lo_b, hi_b) = kind.bounds();

    let (range, step) = match part.split_once('/') {
        Some((r, s)) => {
            let step: u32 = s.parse().map_err(|_| syntax())?;
            if step == 0 {
                return Err(Error::ZeroStep(kind));
            }
            (r, step)
        }
        None => (part, 1),
    };

    let (lo, hi) = if range == "*" || range == "?" {
        (lo_b, hi_b)
    } else if let Some((a, b)) = range.split_once('-') {
        (parse_value(kind, a)?, parse_value(kind, b)?)
    } else {
        let v = parse_value(kind, range)?;
        // "5/15" means "from 5 to the end, every 15"
        if step > 1 {
            (v, hi_b)
        } else {
            (v, v)
        }
    };

    if lo > hi {
        return Err(syntax());
    }
    Ok(range_bits(lo, hi, step))
}

fn parse_value(kind: FieldKind, tok: &str) -> Result<u32, Error> {
    let (lo, hi) = kind.bounds();
    let v = if let Ok(n) = tok.parse::<u32>() {
        n
    } else {
        let up = tok.to_ascii_uppercase();
        match kind.names().iter().position(|n| *n == up) {
            Some(i) => i as u32 + kind.name_base(),
            None => return Err(Error::Syntax { kind, token: tok.to_string() }),
        }
    };
    if v < lo || v > hi {
        return Err(Error::OutOfRange { kind, value: v });
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_lists() {
        let f = Field::parse(FieldKind::Minute, "*/20,7").unwrap();
        assert_eq!(f.values().collect::<Vec<_>>(), vec![0, 7, 20, 40]);
    }

    #[test]
    fn names() {
        let f = Field::parse(FieldKind::DayOfWeek, "mon-fri").unwrap();
        assert_eq!(f.values().collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
        let f = Field::parse(FieldKind::Month, "JAN,jul").unwrap();
        assert_eq!(f.values().collect::<Vec<_>>(), vec![1, 7]);
    }

    #[test]
    fn sunday_alias() {
        let f = Field::parse(FieldKind::DayOfWeek, "7").unwrap();
        assert!(f.contains(0));
        assert!(!f.contains(7));
    }

    #[test]
    fn rejects() {
        assert!(Field::parse(FieldKind::Hour, "24").is_err());
        assert!(Field::parse(FieldKind::Minute, "*/0").is_err());
        assert!(Field::parse(FieldKind::Month, "FOO").is_err());
    }
}
