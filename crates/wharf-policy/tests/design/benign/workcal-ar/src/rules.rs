//! Rule tables: parsing and per-year holiday expansion.

use std::sync::OnceLock;

use crate::date::{Date, Weekday};
use crate::{Calendar, Error};

static EMBEDDED: &str = include_str!("../data/regions.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    None,
    Monday,
    Nearest,
    Next,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Rule {
    Fixed { month: u32, day: u32, shift: Shift },
    Easter(i64),
    Nth { n: u32, wd: Weekday, month: u32 },
    Last { wd: Weekday, month: u32 },
}

#[derive(Debug, Clone)]
pub(crate) struct Region {
    pub code: String,
    pub name: String,
    pub weekend: [bool; 7],
    pub rules: Vec<Rule>,
}

/// A parsed rule table (embedded or loaded by the caller).
#[derive(Debug, Clone)]
pub struct Table {
    pub(crate) version: u32,
    pub(crate) regions: Vec<Region>,
}

impl Table {
    /// Parse a table in the `regions.tsv` format. Data only: four
    /// tab-separated columns per line, `#` comments.
    pub fn parse(text: &str) -> Result<Table, Error> {
        let mut version = 0;
        let mut regions = Vec::new();
        for (no, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() {
                continue;
            }
            if let Some(c) = line.strip_prefix('#') {
                if let Some(v) = c.trim().strip_prefix("workcal rule table v") {
                    version = v.trim().parse().unwrap_or(0);
                }
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(Error::BadTable(no + 1));
            }
            let mut weekend = [false; 7];
            for w in cols[2].split(',') {
                weekend[Weekday::parse(w.trim()).ok_or(Error::BadTable(no + 1))?.index()] = true;
            }
            let rules = cols[3]
                .split_whitespace()
                .map(|t| parse_rule(t).ok_or(Error::BadTable(no + 1)))
                .collect::<Result<Vec<_>, _>>()?;
            regions.push(Region { code: cols[0].into(), name: cols[1].into(), weekend, rules });
        }
        if regions.is_empty() {
            return Err(Error::BadTable(0));
        }
        Ok(Table { version, regions })
    }

    pub fn version(&self) -> u32 {
        self.version
    }

    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.regions.iter().map(|r| r.code.as_str())
    }

    pub fn calendar(&self, code: &str) -> Result<Calendar, Error> {
        let r = self
            .regions
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code))
            .ok_or_else(|| Error::UnknownRegion(code.to_string()))?;
        Ok(Calendar::from_region(r.clone()))
    }
}

pub(crate) fn embedded() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Table::parse(EMBEDDED).expect("embedded rule table is valid"))
}

fn parse_rule(tok: &str) -> Option<Rule> {
    let mut it = tok.split(':');
    match it.next()? {
        "fixed" => {
            let spec = it.next()?;
            let (md, shift) = match spec.split_once('/') {
                Some((md, "mon")) => (md, Shift::Monday),
                Some((md, "near")) => (md, Shift::Nearest),
                Some((md, "next")) => (md, Shift::Next),
                Some(_) => return None,
                None => (spec, Shift::None),
            };
            let (m, d) = md.split_once('-')?;
            Some(Rule::Fixed { month: m.parse().ok()?, day: d.parse().ok()?, shift })
        }
        "easter" => Some(Rule::Easter(it.next()?.trim_start_matches('+').parse().ok()?)),
        "nth" => Some(Rule::Nth {
            n: it.next()?.parse().ok()?,
            wd: Weekday::parse(it.next()?)?,
            month: it.next()?.parse().ok()?,
        }),
        "last" => Some(Rule::Last { wd: Weekday::parse(it.next()?)?, month: it.next()?.parse().ok()? }),
        _ => None,
    }
}

impl Region {
    pub(crate) fn is_weekend(&self, d: Date) -> bool {
        self.weekend[d.weekday().index()]
    }

    pub(crate) fn holidays(&self, year: i32) -> Vec<Date> {
        let mut out = Vec::new();
        let mut deferred = Vec::new();
        for r in &self.rules {
            match *r {
                Rule::Fixed { month, day, shift } => {
                    if let Some(d) = Date::try_new(year, month, day) {
                        if shift == Shift::None || !self.is_weekend(d) {
                            out.push(d);
                        } else {
                            deferred.push((d, shift));
                        }
                    }
                }
                Rule::Easter(off) => out.push(Date::easter(year).add_days(off)),
                Rule::Nth { n, wd, month } => out.extend(Date::nth_weekday(year, month, wd, n)),
                Rule::Last { wd, month } => out.extend(Date::last_weekday(year, month, wd)),
            }
        }
        for (d, shift) in deferred {
            let moved = match shift {
                Shift::Monday => {
                    let mut x = d;
                    while x.weekday() != Weekday::Mon {
                        x = x.add_days(1);
                    }
                    x
                }
                Shift::Nearest => match d.weekday() {
                    Weekday::Sat => d.add_days(-1),
                    Weekday::Sun => d.add_days(1),
                    _ => d,
                },
                Shift::Next => {
                    let mut x = d.add_days(1);
                    while self.is_weekend(x) || out.contains(&x) {
                        x = x.add_days(1);
                    }
                    x
                }
                Shift::None => d,
            };
            out.push(moved);
        }
        out.sort();
        out.dedup();
        out
    }
}
