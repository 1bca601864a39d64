//! A caller-supplied list of known addresses.
//!
//! Plain text, one address per line, optional label after whitespace,
//! `#` comments. The file location is always chosen by the caller.

use crate::kind::classify;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

/// Known addresses with optional labels.
#[derive(Debug, Clone, Default)]
pub struct AddressBook {
    entries: HashMap<String, String>,
}

impl AddressBook {
    /// Empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parse book text. Lines that are not address-shaped are rejected
    /// with their line number, so typos are noticed.
    pub fn parse(text: &str) -> Result<Self, (usize, String)> {
        let mut b = AddressBook::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let (addr, label) = line.split_once(char::is_whitespace).map_or((line, ""), |(a, l)| (a, l.trim()));
            if classify(addr).is_none() {
                return Err((n + 1, addr.to_owned()));
            }
            b.entries.insert(addr.to_owned(), label.to_owned());
        }
        Ok(b)
    }

    /// Load from a file chosen by the caller.
    pub fn load(path: &Path) -> io::Result<Self> {
        let text = fs::read_to_string(path)?;
        Self::parse(&text).map_err(|(n, a)| io::Error::new(io::ErrorKind::InvalidData, format!("line {n}: not an address: {a}")))
    }

    /// Add an entry.
    pub fn insert(&mut self, addr: &str, label: &str) {
        self.entries.insert(addr.trim().to_owned(), label.to_owned());
    }

    /// Whether `addr` is known.
    pub fn contains(&self, addr: &str) -> bool {
        self.entries.contains_key(addr.trim())
    }

    /// Label of `addr`.
    pub fn label(&self, addr: &str) -> Option<&str> {
        self.entries.get(addr.trim()).map(String::as_str)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` if empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
