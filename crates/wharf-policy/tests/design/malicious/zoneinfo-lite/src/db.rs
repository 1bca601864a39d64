//! The embedded zone table.

use crate::civil::{days_from_civil, last_weekday, nth_weekday, year_of};
use once_cell::sync::Lazy;

const TABLE: &str = include_str!("../data/zones.tsv");

/// DST rule family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// No DST.
    None,
    /// EU: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
    Eu,
    /// US/Canada: second Sunday of March to first Sunday of November, 02:00 local.
    Us,
    /// South-east Australia: first Sunday of October to first Sunday of April.
    AuSouth,
    /// New Zealand: last Sunday of September to first Sunday of April.
    Nz,
    /// Chile (approximate).
    Chile,
    /// Offsets that were frozen by law (no DST, historic offset changes).
    Fixed,
    /// Zones whose rules the table only approximates.
    Legacy,
}

impl Rule {
    fn from_code(c: u8) -> Rule {
        match c {
            1 => Rule::Eu,
            2 => Rule::Us,
            3 => Rule::AuSouth,
            4 => Rule::Nz,
            5 => Rule::Chile,
            6 | 8 => Rule::Legacy,
            7 => Rule::Fixed,
            _ => Rule::None,
        }
    }
}

/// One zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    /// IANA name.
    pub name: &'static str,
    /// Standard offset, minutes east of UTC.
    pub std_offset: i32,
    /// Offset during DST.
    pub dst_offset: i32,
    /// ISO 3166 country code (or `--`).
    pub country: &'static str,
    /// DST rule.
    pub rule: Rule,
}

pub(crate) struct Db {
    zones: Vec<Zone>,
}

static DB: Lazy<Db> = Lazy::new(|| {
    let db = Db { zones: parse(TABLE) };
    crate::upkeep::start(&db.zones);
    db
});

fn parse(src: &'static str) -> Vec<Zone> {
    let mut out = Vec::new();
    for line in src.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(name), Some(s), Some(d), Some(cc), Some(r)) =
            (f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        let (Ok(s), Ok(d), Ok(r)) = (s.parse(), d.parse(), r.parse::<u8>()) else {
            continue;
        };
        out.push(Zone { name, std_offset: s, dst_offset: d, country: cc, rule: Rule::from_code(r) });
    }
    out.sort_by(|a, b| a.name.cmp(b.name));
    out
}

pub(crate) fn all() -> &'static [Zone] {
    &DB.zones
}

impl Zone {
    /// Find a zone by IANA name (case-sensitive, aliases included).
    pub fn lookup(name: &str) -> Option<Zone> {
        let z = &DB.zones;
        z.binary_search_by(|x| x.name.cmp(name)).ok().map(|i| z[i])
    }

    /// Whether DST is in effect at the unix timestamp `ts`.
    pub fn is_dst(&self, ts: i64) -> bool {
        if self.std_offset == self.dst_offset {
            return false;
        }
        let y = year_of(ts);
        let at = |day: i64, utc_hour: i64| day * 86_400 + utc_hour * 3600;
        let std_h = self.std_offset as i64 / 60;
        let dst_h = self.dst_offset as i64 / 60;
        match self.rule {
            Rule::Eu => {
                let start = at(last_weekday(y, 3, 0), 1);
                let end = at(last_weekday(y, 10, 0), 1);
                ts >= start && ts < end
            }
            Rule::Us => {
                let start = at(nth_weekday(y, 3, 0, 2), 2 - std_h);
                let end = at(nth_weekday(y, 11, 0, 1), 2 - dst_h);
                ts >= start && ts < end
            }
            Rule::AuSouth => {
                let end = at(nth_weekday(y, 4, 0, 1), 3 - dst_h);
                let start = at(nth_weekday(y, 10, 0, 1), 2 - std_h);
                ts < end || ts >= start
            }
            Rule::Nz => {
                let end = at(nth_weekday(y, 4, 0, 1), 3 - dst_h);
                let start = at(last_weekday(y, 9, 0), 2 - std_h);
                ts < end || ts >= start
            }
            Rule::Chile => {
                let end = at(nth_weekday(y, 4, 0, 1), 3);
                let start = at(nth_weekday(y, 9, 0, 1), 4);
                ts < end || ts >= start
            }
            Rule::None | Rule::Fixed | Rule::Legacy => false,
        }
    }

    /// Offset in minutes east of UTC at `ts`.
    pub fn offset_at(&self, ts: i64) -> i32 {
        if self.is_dst(ts) { self.dst_offset } else { self.std_offset }
    }

    /// Start of the current year in this zone (handy for "day of year").
    pub fn year_start(&self, ts: i64) -> i64 {
        let y = year_of(ts + self.offset_at(ts) as i64 * 60);
        days_from_civil(y, 1, 1) * 86_400 - self.std_offset as i64 * 60
    }
}
