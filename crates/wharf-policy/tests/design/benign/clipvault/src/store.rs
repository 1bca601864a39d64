use crate::Error;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    /// Unix seconds when first copied.
    pub at: u64,
    #[serde(default)]
    pub pinned: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct History {
    entries: Vec<Entry>, // newest first
    #[serde(skip)]
    path: PathBuf,
    #[serde(skip)]
    max_entries: usize,
}

pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("clipvault")
        .join("history.json")
}

impl History {
    pub fn open(path: impl Into<PathBuf>, max_entries: usize) -> Result<Self, Error> {
        let path = path.into();
        let mut h: History = match fs::read(&path) {
            Ok(b) if !b.is_empty() => serde_json::from_slice(&b)?,
            Ok(_) => History::default(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => History::default(),
            Err(e) => return Err(e.into()),
        };
        h.path = path;
        h.max_entries = max_entries.max(1);
        Ok(h)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Add `text` as newest; an identical older entry moves to the top.
    pub fn push(&mut self, text: String) -> bool {
        if self.entries.first().map_or(false, |e| e.text == text) {
            return false;
        }
        let pinned = match self.entries.iter().position(|e| e.text == text) {
            Some(i) => self.entries.remove(i).pinned,
            None => false,
        };
        let at = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        self.entries.insert(0, Entry { text, at, pinned });
        // drop oldest unpinned entries over the cap
        while self.entries.len() > self.max_entries {
            match self.entries.iter().rposition(|e| !e.pinned) {
                Some(i) => {
                    self.entries.remove(i);
                }
                None => break,
            }
        }
        true
    }

    pub fn pin(&mut self, i: usize, on: bool) -> Result<(), Error> {
        self.entries.get_mut(i).ok_or(Error::NoSuchEntry(i))?.pinned = on;
        Ok(())
    }

    pub fn forget(&mut self, i: usize) -> Result<Entry, Error> {
        if i >= self.entries.len() {
            return Err(Error::NoSuchEntry(i));
        }
        Ok(self.entries.remove(i))
    }

    /// Write atomically (temp file + rename), owner-only permissions.
    pub fn save(&self) -> Result<(), Error> {
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        {
            let mut opts = fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            let mut f = opts.open(&tmp)?;
            f.write_all(&serde_json::to_vec_pretty(self)?)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, &self.path)?;
        Ok(())
    }

    /// Delete the history file and forget everything in memory.
    pub fn clear(&mut self) -> Result<(), Error> {
        self.entries.clear();
        remove_if_exists(&self.path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn remove_if_exists(p: &Path) -> Result<(), Error> {
    match fs::remove_file(p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedupe_and_cap() {
        let mut h = History { max_entries: 2, ..Default::default() };
        assert!(h.push("a".into()));
        assert!(!h.push("a".into()));
        h.push("b".into());
        h.push("c".into());
        assert_eq!(h.len(), 2);
        assert_eq!(h.get(0).unwrap().text, "c");
    }
}
