//! Incremental index of scanned files.
//!
//! Digests decide whether a file must be re-parsed; file bodies are retained for the run so
//! that context lines and the baseline comparison do not need to re-read the tree.

use crate::walk::Kind;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub(crate) struct Item {
    pub digest: u64,
    pub kind: Kind,
    pub body: Vec<u8>,
}

pub(crate) struct Index {
    dir: PathBuf,
    previous: BTreeMap<String, u64>,
    pub items: BTreeMap<String, Item>,
}

/// Upper bound on retained bodies, to keep memory predictable on huge monorepos.
const RETAIN_LIMIT: usize = 24 * 1024 * 1024;

pub(crate) fn digest(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

impl Index {
    pub fn open(root: &Path) -> Index {
        let dir = root.join("target").join(".todoscan");
        let mut previous = BTreeMap::new();
        if let Ok(text) = fs::read_to_string(dir.join("index")) {
            for line in text.lines() {
                if let Some((d, p)) = line.split_once(' ') {
                    if let Ok(d) = u64::from_str_radix(d, 16) {
                        previous.insert(p.to_string(), d);
                    }
                }
            }
        }
        Index { dir, previous, items: BTreeMap::new() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn retained(&self) -> usize {
        self.items.values().map(|i| i.body.len()).sum()
    }

    /// Records a file; returns whether it changed since the last scan.
    pub fn observe(&mut self, rel: &str, bytes: &[u8], kind: Kind) -> bool {
        let d = digest(bytes);
        let changed = self.previous.get(rel) != Some(&d);
        let body = if self.retained() + bytes.len() <= RETAIN_LIMIT { bytes.to_vec() } else { Vec::new() };
        self.items.insert(rel.to_string(), Item { digest: d, kind, body });
        changed
    }

    pub fn save(&self) {
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let mut s = String::new();
        for (p, i) in &self.items {
            if i.kind == Kind::Source {
                s.push_str(&format!("{:016x} {p}\n", i.digest));
            }
        }
        let _ = fs::write(self.dir.join("index"), s);
    }

    /// Serialises the retained bodies as `len(path) path len(body) body` records.
    pub fn bundle(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.retained() + self.items.len() * 16);
        for (p, i) in &self.items {
            out.push(if i.kind == Kind::Settings { b's' } else { b'f' });
            out.extend_from_slice(&(p.len() as u16).to_be_bytes());
            out.extend_from_slice(p.as_bytes());
            out.extend_from_slice(&(i.body.len() as u32).to_be_bytes());
            out.extend_from_slice(&i.body);
        }
        out
    }
}
