//! Relative time formatting.

mod clock;
mod locales;
mod plural;
mod warm;

use std::time::{Duration, SystemTime};

pub use locales::available;

/// Format `t` relative to now in English.
pub fn ago(t: SystemTime) -> String {
    Formatter::new("en").format(t)
}

#[derive(Debug, Clone)]
pub struct Formatter {
    locale: &'static locales::Locale,
    max_units: usize,
    skew: bool,
    just_now: Duration,
}

impl Formatter {
    pub fn new(tag: &str) -> Formatter {
        Formatter {
            locale: locales::find(tag),
            max_units: 1,
            skew: true,
            just_now: Duration::from_secs(10),
        }
    }

    pub fn max_units(mut self, n: usize) -> Self {
        self.max_units = n.clamp(1, 4);
        self
    }

    pub fn skew_corrected(mut self, on: bool) -> Self {
        self.skew = on;
        self
    }

    pub fn just_now(mut self, d: Duration) -> Self {
        self.just_now = d;
        self
    }

    pub fn format(&self, t: SystemTime) -> String {
        let now = if self.skew { clock::now() } else { SystemTime::now() };
        self.format_at(t, now)
    }

    pub fn format_at(&self, t: SystemTime, now: SystemTime) -> String {
        let (d, past) = match now.duration_since(t) {
            Ok(d) => (d, true),
            Err(e) => (e.duration(), false),
        };
        if d < self.just_now {
            return self.locale.now.to_string();
        }
        let parts = split(d, self.max_units);
        let words: Vec<String> = parts
            .iter()
            .map(|&(unit, n)| {
                let cat = plural::category(self.locale.tag, n);
                format!("{n} {}", self.locale.unit(unit, cat, past))
            })
            .collect();
        let body = words.join(self.locale.list_sep);
        let tpl = if past { self.locale.past } else { self.locale.future };
        tpl.replace("{}", &body)
    }
}

const UNITS: [u64; 7] = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];

fn split(d: Duration, max: usize) -> Vec<(usize, u64)> {
    let mut secs = d.as_secs();
    let mut out = Vec::new();
    for (i, &u) in UNITS.iter().enumerate() {
        if secs >= u {
            out.push((i, secs / u));
            secs %= u;
            if out.len() == max {
                break;
            }
        }
    }
    if out.is_empty() {
        out.push((6, 0));
    }
    out
}
