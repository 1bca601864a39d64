//! Exact values registered by the caller.

use std::fs;
use std::io;
use std::path::Path;

use crate::detect::{Span, KNOWN};

/// Values shorter than this would mask ordinary words.
pub const MIN_LEN: usize = 8;

#[derive(Debug, Clone, Default)]
pub(crate) struct Known {
    values: Vec<String>,
}

/// Why a value was not registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    TooShort(usize),
    Empty,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejected::TooShort(n) => write!(f, "secret too short to mask safely ({n} < {MIN_LEN} bytes)"),
            Rejected::Empty => f.write_str("empty secret"),
        }
    }
}

impl std::error::Error for Rejected {}

impl Known {
    pub(crate) fn add(&mut self, v: &str) -> Result<(), Rejected> {
        let v = v.trim_end_matches(['\r', '\n']);
        if v.is_empty() {
            return Err(Rejected::Empty);
        }
        if v.len() < MIN_LEN {
            return Err(Rejected::TooShort(v.len()));
        }
        if !self.values.iter().any(|x| x == v) {
            self.values.push(v.to_string());
            self.values.sort_by(|a, b| b.len().cmp(&a.len()));
        }
        Ok(())
    }

    pub(crate) fn remove(&mut self, v: &str) -> bool {
        let before = self.values.len();
        self.values.retain(|x| x != v);
        before != self.values.len()
    }

    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// One secret per line; blank lines and `#` comments are ignored.
    /// Returns how many lines were accepted.
    pub(crate) fn add_file(&mut self, path: &Path) -> io::Result<usize> {
        let text = fs::read_to_string(path)?;
        let mut n = 0;
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if self.add(l).is_ok() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Values of environment variables whose name starts with `prefix`
    /// (e.g. `MYAPP_SECRET_`). The prefix must be non-empty.
    pub(crate) fn add_env(&mut self, prefix: &str) -> usize {
        if prefix.is_empty() {
            return 0;
        }
        std::env::vars()
            .filter(|(k, _)| k.starts_with(prefix))
            .filter(|(_, v)| self.add(v).is_ok())
            .count()
    }

    pub(crate) fn find_all(&self, s: &str, out: &mut Vec<Span>) {
        for v in &self.values {
            let mut at = 0;
            while let Some(i) = s[at..].find(v.as_str()) {
                out.push(Span { start: at + i, end: at + i + v.len(), rule: KNOWN });
                at += i + v.len();
            }
        }
    }
}
