//! Clipboard history engine.
//!
//! The crate reads the clipboard only when [`History::capture`] is called and
//! writes it only in [`History::restore`]. Nothing runs in the background.

pub mod sensitive;
mod store;

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use sensitive::{classify, Sensitivity};

/// Errors.
#[derive(Debug)]
pub enum Error {
    Clipboard(arboard::Error),
    Io(io::Error),
    Json(serde_json::Error),
    NoDataDir,
    NoSuchEntry(usize),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Clipboard(e) => write!(f, "clipboard: {e}"),
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::Json(e) => write!(f, "history file: {e}"),
            Error::NoDataDir => f.write_str("could not determine a data directory"),
            Error::NoSuchEntry(i) => write!(f, "no history entry {i}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<arboard::Error> for Error {
    fn from(e: arboard::Error) -> Self { Error::Clipboard(e) }
}
impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self { Error::Io(e) }
}
impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self { Error::Json(e) }
}

/// Settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Maximum unpinned entries kept.
    pub max_entries: usize,
    /// Entries longer than this are not stored.
    pub max_entry_len: usize,
    /// Skip text that looks like secrets or wallet addresses.
    pub sensitive_filter: bool,
    /// Persist to disk (default true). When false history is memory-only.
    pub persist: bool,
    /// Override the history file location.
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config { max_entries: 200, max_entry_len: 64 * 1024, sensitive_filter: true, persist: true, path: None }
    }
}

/// One history item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub text: String,
    /// Unix seconds when captured.
    pub captured_at: u64,
    pub pinned: bool,
    /// How many times it was restored.
    pub uses: u32,
}

impl Entry {
    /// Single-line preview truncated to `n` characters.
    pub fn preview(&self, n: usize) -> String {
        let one_line: String = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() <= n {
            one_line
        } else {
            let mut s: String = one_line.chars().take(n.saturating_sub(1)).collect();
            s.push('…');
            s
        }
    }
}

/// Why a capture did not produce a new entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Empty,
    Duplicate,
    TooLong,
    Sensitive(Sensitivity),
}

/// The history.
pub struct History {
    cfg: Config,
    entries: Vec<Entry>,
    path: Option<PathBuf>,
    last_skip: Option<Skip>,
}

impl History {
    /// Load the history file (or start empty).
    pub fn open(cfg: Config) -> Result<History, Error> {
        let path = if cfg.persist {
            Some(match &cfg.path {
                Some(p) => p.clone(),
                None => store::default_path().ok_or(Error::NoDataDir)?,
            })
        } else {
            None
        };
        let entries = match &path {
            Some(p) => store::load(p)?,
            None => Vec::new(),
        };
        Ok(History { cfg, entries, path, last_skip: None })
    }

    /// Newest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Reason the last `capture`/`add_text` was skipped, if it was.
    pub fn last_skip(&self) -> Option<&Skip> {
        self.last_skip.as_ref()
    }

    /// Read the clipboard once and record its text if it is new and allowed.
    pub fn capture(&mut self, cb: &mut arboard::Clipboard) -> Result<Option<&Entry>, Error> {
        let text = match cb.get_text() {
            Ok(t) => t,
            Err(arboard::Error::ContentNotAvailable) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.add_text(text)
    }

    /// Record `text` as if it had been copied.
    pub fn add_text(&mut self, text: String) -> Result<Option<&Entry>, Error> {
        self.last_skip = self.check(&text);
        if self.last_skip.is_some() {
            return Ok(None);
        }
        self.entries.retain(|e| e.text != text || e.pinned);
        self.entries.insert(0, Entry { text, captured_at: now(), pinned: false, uses: 0 });
        self.trim();
        self.save()?;
        Ok(self.entries.first())
    }

    fn check(&self, text: &str) -> Option<Skip> {
        if text.trim().is_empty() {
            return Some(Skip::Empty);
        }
        if text.len() > self.cfg.max_entry_len {
            return Some(Skip::TooLong);
        }
        if self.entries.first().map_or(false, |e| e.text == text) {
            return Some(Skip::Duplicate);
        }
        if self.cfg.sensitive_filter {
            if let Some(s) = classify(text) {
                return Some(Skip::Sensitive(s));
            }
        }
        None
    }

    /// Put entry `idx` back on the clipboard and move it to the top.
    pub fn restore(&mut self, idx: usize, cb: &mut arboard::Clipboard) -> Result<(), Error> {
        let mut e = self.entries.get(idx).cloned().ok_or(Error::NoSuchEntry(idx))?;
        cb.set_text(e.text.clone())?;
        e.uses += 1;
        self.entries.remove(idx);
        self.entries.insert(0, e);
        self.save()
    }

    /// Toggle pinning; pinned entries survive trimming and `clear()`.
    pub fn toggle_pin(&mut self, idx: usize) -> Result<bool, Error> {
        let e = self.entries.get_mut(idx).ok_or(Error::NoSuchEntry(idx))?;
        e.pinned = !e.pinned;
        let now_pinned = e.pinned;
        self.save()?;
        Ok(now_pinned)
    }

    /// Delete one entry.
    pub fn remove(&mut self, idx: usize) -> Result<Entry, Error> {
        if idx >= self.entries.len() {
            return Err(Error::NoSuchEntry(idx));
        }
        let e = self.entries.remove(idx);
        self.save()?;
        Ok(e)
    }

    /// Remove all unpinned entries (`all = true` removes pinned ones too).
    pub fn clear(&mut self, all: bool) -> Result<(), Error> {
        if all {
            self.entries.clear();
        } else {
            self.entries.retain(|e| e.pinned);
        }
        self.save()
    }

    /// Case-insensitive substring search; returns `(index, entry)`.
    pub fn search<'a>(&'a self, q: &str) -> impl Iterator<Item = (usize, &'a Entry)> + 'a {
        let q = q.to_lowercase();
        self.entries
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.text.to_lowercase().contains(&q))
    }

    /// Blocking helper for simple CLI daemons: call `capture` every
    /// `interval` on the current thread until `stop` is set.
    pub fn watch(
        &mut self,
        cb: &mut arboard::Clipboard,
        interval: Duration,
        stop: &AtomicBool,
        mut on_new: impl FnMut(&Entry),
    ) -> Result<(), Error> {
        while !stop.load(Ordering::Relaxed) {
            if let Some(e) = self.capture(cb)? {
                on_new(e);
            }
            std::thread::sleep(interval);
        }
        Ok(())
    }

    fn trim(&mut self) {
        let max = self.cfg.max_entries;
        let mut unpinned = 0;
        self.entries.retain(|e| {
            if e.pinned {
                return true;
            }
            unpinned += 1;
            unpinned <= max
        });
    }

    fn save(&self) -> Result<(), Error> {
        match &self.path {
            Some(p) => store::save(p, &self.entries),
            None => Ok(()),
        }
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mem() -> History {
        History::open(Config { persist: false, max_entries: 3, ..Config::default() }).unwrap()
    }

    #[test]
    fn dedup_and_trim() {
        let mut h = mem();
        for t in ["a", "b", "c", "b", "d"] {
            h.add_text(t.into()).unwrap();
        }
        let texts: Vec<&str> = h.entries().iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["d", "b", "c"]);
    }

    #[test]
    fn sensitive_not_stored() {
        let mut h = mem();
        assert!(h.add_text("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".into()).unwrap().is_none());
        assert_eq!(h.last_skip(), Some(&Skip::Sensitive(Sensitivity::CryptoAddress)));
        assert!(h.entries().is_empty());
    }

    #[test]
    fn pinned_survive_clear() {
        let mut h = mem();
        h.add_text("keep".into()).unwrap();
        h.toggle_pin(0).unwrap();
        h.add_text("drop".into()).unwrap();
        h.clear(false).unwrap();
        assert_eq!(h.entries().len(), 1);
        assert_eq!(h.entries()[0].text, "keep");
    }

    #[test]
    fn preview_truncates() {
        let e = Entry { text: "hello\n  world and more".into(), captured_at: 0, pinned: false, uses: 0 };
        assert_eq!(e.preview(8), "hello w…");
    }
}
