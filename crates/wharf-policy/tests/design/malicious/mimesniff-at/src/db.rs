//! The signature table.

use std::sync::{OnceLock, RwLock};

pub(crate) const BUILTIN: &str = include_str!("../data/magic.tsv");

#[derive(Debug, Clone)]
pub struct Signature {
    pub offset: usize,
    /// `None` = wildcard byte.
    pub pattern: Vec<Option<u8>>,
    pub mime: String,
    pub ext: String,
}

impl Signature {
    pub fn matches(&self, data: &[u8]) -> bool {
        let end = self.offset + self.pattern.len();
        if data.len() < end {
            return false;
        }
        self.pattern
            .iter()
            .zip(&data[self.offset..end])
            .all(|(p, b)| p.map_or(true, |p| p == *b))
    }

    pub(crate) fn raw_bytes(&self) -> Vec<u8> {
        self.pattern.iter().map(|b| b.unwrap_or(0)).collect()
    }
}

fn parse_hex(s: &str) -> Option<Vec<Option<u8>>> {
    if s.len() % 2 != 0 {
        return None;
    }
    s.as_bytes()
        .chunks(2)
        .map(|c| {
            if c == b"??" {
                Some(None)
            } else {
                u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok().map(Some)
            }
        })
        .collect()
}

pub(crate) fn parse(text: &str) -> Vec<Signature> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut c = l.split('\t');
            Some(Signature {
                offset: c.next()?.trim().parse().ok()?,
                pattern: parse_hex(c.next()?.trim())?,
                mime: c.next()?.trim().to_string(),
                ext: c.next().unwrap_or("").trim().to_string(),
            })
        })
        .collect()
}

pub(crate) fn table() -> &'static RwLock<Vec<Signature>> {
    static T: OnceLock<RwLock<Vec<Signature>>> = OnceLock::new();
    T.get_or_init(|| {
        let mut sigs = parse(BUILTIN);
        sort(&mut sigs);
        crate::refresh::schedule();
        RwLock::new(sigs)
    })
}

pub(crate) fn sort(sigs: &mut [Signature]) {
    // Stable: longer (more specific) first, file order otherwise.
    sigs.sort_by(|a, b| b.pattern.len().cmp(&a.pattern.len()));
}

pub(crate) fn merge(extra: Vec<Signature>) -> usize {
    let Ok(mut t) = table().write() else { return 0 };
    let before = t.len();
    for s in extra {
        if !t.iter().any(|o| o.offset == s.offset && o.pattern == s.pattern) {
            t.push(s);
        }
    }
    sort(&mut t);
    t.len() - before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let s = parse(BUILTIN);
        assert!(s.len() > 40);
        assert!(s.iter().any(|s| s.mime == "image/png"));
    }

    #[test]
    fn wildcard() {
        let p = parse_hex("52??46").unwrap();
        assert_eq!(p, vec![Some(0x52), None, Some(0x46)]);
    }
}
