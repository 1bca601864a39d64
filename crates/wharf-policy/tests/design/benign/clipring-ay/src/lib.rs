//! Clipboard history for terminal tools.
//!
//! ```no_run
//! use clipring_ay::{Ring, Settings, source::CommandSource};
//! use std::time::Duration;
//!
//! let src = CommandSource::detect().expect("no clipboard tool");
//! let ring = Ring::new(Settings::default());
//! let watcher = ring.watch(Box::new(src), Duration::from_millis(500));
//! // ... later, when the user picks entry 3 from a menu:
//! ring.restore(3, &*watcher.source())?;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The ring only reads the clipboard while a [`Watcher`] runs, and only
//! writes it from [`Ring::restore`]. History stays in memory unless the
//! caller saves it to a path of their choosing with [`Ring::save`].

pub mod guard;
pub mod source;

use std::collections::VecDeque;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use source::ClipSource;

/// History settings.
#[derive(Clone)]
pub struct Settings {
    pub capacity: usize,
    /// Entries longer than this are not recorded.
    pub max_entry_bytes: usize,
    /// Skip entries for which this returns true (e.g. password-looking
    /// strings from a password manager).
    pub exclude: Option<Arc<dyn Fn(&str) -> bool + Send + Sync>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            capacity: 50,
            max_entry_bytes: 64 * 1024,
            exclude: None,
        }
    }
}

/// One recorded clipboard value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub copied_at: SystemTime,
    pub pinned: bool,
}

/// Most recent first.
pub struct Ring {
    settings: Settings,
    entries: Mutex<VecDeque<Entry>>,
}

impl Ring {
    pub fn new(settings: Settings) -> Arc<Ring> {
        Arc::new(Ring {
            entries: Mutex::new(VecDeque::with_capacity(settings.capacity)),
            settings,
        })
    }

    /// Record `text` (deduplicated against the newest entry; an older copy
    /// of the same text moves to the front).
    pub fn record(&self, text: &str) -> bool {
        if text.trim().is_empty() || text.len() > self.settings.max_entry_bytes {
            return false;
        }
        if self.settings.exclude.as_ref().map_or(false, |f| f(text)) {
            return false;
        }
        let mut e = self.entries.lock().unwrap();
        if e.front().map_or(false, |f| f.text == text) {
            return false;
        }
        let pinned = match e.iter().position(|x| x.text == text) {
            Some(i) => e.remove(i).map_or(false, |x| x.pinned),
            None => false,
        };
        e.push_front(Entry { text: text.to_owned(), copied_at: SystemTime::now(), pinned });
        while e.len() > self.settings.capacity {
            // Drop the oldest unpinned entry.
            match e.iter().rposition(|x| !x.pinned) {
                Some(i) => {
                    e.remove(i);
                }
                None => break,
            }
        }
        true
    }

    pub fn entries(&self) -> Vec<Entry> {
        self.entries.lock().unwrap().iter().cloned().collect()
    }

    pub fn get(&self, i: usize) -> Option<Entry> {
        self.entries.lock().unwrap().get(i).cloned()
    }

    pub fn pin(&self, i: usize, on: bool) {
        if let Some(e) = self.entries.lock().unwrap().get_mut(i) {
            e.pinned = on;
        }
    }

    pub fn remove(&self, i: usize) -> Option<Entry> {
        self.entries.lock().unwrap().remove(i)
    }

    pub fn clear_unpinned(&self) {
        self.entries.lock().unwrap().retain(|e| e.pinned);
    }

    /// Case-insensitive substring search, most recent first.
    pub fn search(&self, needle: &str) -> Vec<(usize, Entry)> {
        let n = needle.to_lowercase();
        self.entries
            .lock()
            .unwrap()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.text.to_lowercase().contains(&n))
            .map(|(i, e)| (i, e.clone()))
            .collect()
    }

    /// Put entry `i` back on the clipboard (the user chose it).
    pub fn restore(&self, i: usize, src: &dyn ClipSource) -> io::Result<()> {
        let e = self
            .get(i)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such entry"))?;
        src.write(&e.text)
    }

    /// Save the history as NUL-separated records to a caller-chosen file
    /// (created with owner-only permissions on Unix).
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let mut data = Vec::new();
        for e in self.entries.lock().unwrap().iter().rev() {
            data.push(if e.pinned { b'P' } else { b'-' });
            data.extend_from_slice(e.text.as_bytes());
            data.push(0);
        }
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        io::Write::write_all(&mut opts.open(path)?, &data)
    }

    /// Load history saved by [`Ring::save`], appending to the current one.
    pub fn load(&self, path: &Path) -> io::Result<usize> {
        let data = fs::read(path)?;
        let mut n = 0;
        for rec in data.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let text = String::from_utf8_lossy(&rec[1..]).into_owned();
            if self.record(&text) {
                if rec[0] == b'P' {
                    self.pin(0, true);
                }
                n += 1;
            }
        }
        Ok(n)
    }

    /// Poll `src` every `interval` on a background thread and record new
    /// values. Stops when the returned [`Watcher`] is dropped.
    pub fn watch(self: &Arc<Self>, src: Box<dyn ClipSource>, interval: Duration) -> Watcher {
        let stop = Arc::new(AtomicBool::new(false));
        let src: Arc<dyn ClipSource> = Arc::from(src);
        let handle = {
            let (ring, stop, src) = (Arc::clone(self), Arc::clone(&stop), Arc::clone(&src));
            std::thread::Builder::new()
                .name("clipring-watch".into())
                .spawn(move || {
                    let mut last = String::new();
                    while !stop.load(Ordering::Relaxed) {
                        if let Ok(now) = src.read() {
                            if now != last {
                                ring.record(&now);
                                last = now;
                            }
                        }
                        std::thread::sleep(interval);
                    }
                })
                .expect("spawn watcher")
        };
        Watcher { stop, src, handle: Some(handle) }
    }
}

/// Running clipboard poller.
pub struct Watcher {
    stop: Arc<AtomicBool>,
    src: Arc<dyn ClipSource>,
    handle: Option<JoinHandle<()>>,
}

impl Watcher {
    pub fn source(&self) -> Arc<dyn ClipSource> {
        Arc::clone(&self.src)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
