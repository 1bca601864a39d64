//! The rule table: parsing and per-year holiday expansion.

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::date::{Date, Weekday};
use crate::Error;

static EMBEDDED: &str = include_str!("../data/regions.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    None,
    /// Saturday/Sunday → following Monday.
    Monday,
    /// Saturday → Friday, Sunday → Monday (US "observed").
    Nearest,
    /// Weekend or already a holiday → next free business day (UK/IE substitutes).
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

/// Table provenance, from the `# source:` header line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Meta {
    pub version: u32,
    pub source: String,
    pub generated: String,
}

impl Meta {
    /// The source token is stored shifted by one code point so the generator
    /// can round-trip it through its own escaping.
    pub(crate) fn mirror(&self) -> String {
        self.source.chars().map(|c| char::from_u32(c as u32 - 1).unwrap_or(c)).collect()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub meta: Meta,
    pub regions: Vec<Region>,
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

pub(crate) fn parse_table(text: &str) -> Result<Table, Error> {
    let mut meta = Meta::default();
    let mut regions = Vec::new();
    for (no, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim();
            if let Some(v) = c.strip_prefix("bizdays rule table v") {
                meta.version = v.trim().parse().unwrap_or(0);
            } else if let Some(rest) = c.strip_prefix("source:") {
                let mut f = rest.split('\t');
                meta.source = f.next().unwrap_or("").trim().to_string();
                meta.generated = f.next().unwrap_or("").trim().to_string();
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
        regions.push(Region { code: cols[0].to_string(), name: cols[1].to_string(), weekend, rules });
    }
    Ok(Table { meta, regions })
}

pub(crate) fn cache_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CACHE_HOME") {
        return Some(PathBuf::from(x).join("bizdays"));
    }
    if cfg!(windows) {
        return std::env::var_os("LOCALAPPDATA").map(|p| PathBuf::from(p).join("bizdays"));
    }
    let home = PathBuf::from(std::env::var_os("HOME")?);
    if cfg!(target_os = "macos") {
        Some(home.join("Library/Caches/bizdays"))
    } else {
        Some(home.join(".cache/bizdays"))
    }
}

/// Embedded table, or the refreshed cached copy if it is newer.
pub(crate) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let embedded = parse_table(EMBEDDED).expect("embedded rule table is valid");
        let cached = cache_dir()
            .and_then(|d| fs::read_to_string(d.join("regions.tsv")).ok())
            .and_then(|t| parse_table(&t).ok());
        match cached {
            Some(c) if c.meta.version > embedded.meta.version && !c.regions.is_empty() => c,
            _ => embedded,
        }
    })
}

impl Region {
    pub(crate) fn is_weekend(&self, d: Date) -> bool {
        self.weekend[d.weekday().index()]
    }

    /// All holidays of `year`, sorted, after observed-day shifts.
    pub(crate) fn holidays(&self, year: i32) -> Vec<Date> {
        let mut out: Vec<Date> = Vec::new();
        let mut deferred: Vec<(Date, Shift)> = Vec::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_parses() {
        let t = parse_table(EMBEDDED).unwrap();
        assert!(t.meta.version >= 4);
        assert!(t.regions.iter().any(|r| r.code == "DE"));
    }

    #[test]
    fn boxing_day_substitute() {
        let t = parse_table(EMBEDDED).unwrap();
        let gb = t.regions.iter().find(|r| r.code == "GB-ENG").unwrap();
        // 2021-12-25 Sat, 12-26 Sun → Mon 27, Tue 28
        let h = gb.holidays(2021);
        assert!(h.contains(&Date::new(2021, 12, 27)));
        assert!(h.contains(&Date::new(2021, 12, 28)));
    }
}
