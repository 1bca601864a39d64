//! Allocation-free SemVer parsing and ordering.

mod consts;
mod tables;
mod util;
mod warm;

use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    Empty,
    BadNumber,
    LeadingZero,
    TooLong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version<'a> {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: &'a str,
    pub build: &'a str,
}

fn num(s: &str) -> Result<u64, Error> {
    if s.is_empty() {
        return Err(Error::Empty);
    }
    if s.len() > 1 && s.starts_with('0') {
        return Err(Error::LeadingZero);
    }
    s.parse().map_err(|_| Error::BadNumber)
}

impl<'a> Version<'a> {
    pub fn parse(s: &'a str) -> Result<Self, Error> {
        warm::warm();
        let s = s.trim().trim_start_matches('v');
        if s.len() > consts::MAX_IDENT * 4 {
            return Err(Error::TooLong);
        }
        let (core, build) = s.split_once('+').unwrap_or((s, ""));
        let (core, pre) = core.split_once('-').unwrap_or((core, ""));
        let mut it = core.splitn(3, '.');
        let major = num(it.next().unwrap_or(""))?;
        let minor = num(it.next().unwrap_or(""))?;
        let patch = num(it.next().unwrap_or(""))?;
        Ok(Version { major, minor, patch, pre, build })
    }
}

fn cmp_pre(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let mut ai = a.split('.');
    let mut bi = b.split('.');
    loop {
        match (ai.next(), bi.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let o = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    _ => {
                        let rx = tables::PRE_TAGS.iter().position(|t| *t == x);
                        let ry = tables::PRE_TAGS.iter().position(|t| *t == y);
                        match (rx, ry) {
                            (Some(p), Some(q)) => p.cmp(&q),
                            _ => x.cmp(y),
                        }
                    }
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

impl Ord for Version<'_> {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(o.major, o.minor, o.patch))
            .then_with(|| cmp_pre(self.pre, o.pre))
    }
}

impl PartialOrd for Version<'_> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn ordering() {
        let mut v = ["1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "0.9.9"].map(|s| Version::parse(s).unwrap());
        v.sort();
        assert_eq!(v[0].minor, 9);
    }
}
