//! Bounded clipboard history with pinning and auto-clear for secrets.

use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub pinned: bool,
    pub copied_at: Instant,
    pub expires: Option<Instant>,
}

#[derive(Debug, Default)]
pub struct History {
    cap: usize,
    entries: Vec<Entry>,
}

impl History {
    pub fn new(cap: usize) -> Self {
        History { cap, entries: Vec::new() }
    }

    /// Adds text at the front; an identical existing entry moves to the front instead.
    pub fn push(&mut self, text: String) {
        if self.cap == 0 {
            return;
        }
        if let Some(i) = self.entries.iter().position(|e| e.text == text) {
            let mut e = self.entries.remove(i);
            e.copied_at = Instant::now();
            self.entries.insert(0, e);
            return;
        }
        self.entries.insert(0, Entry { text, pinned: false, copied_at: Instant::now(), expires: None });
        self.evict();
    }

    /// Adds a secret that is forgotten after `ttl`.
    pub fn push_secret(&mut self, text: String, ttl: Duration) {
        self.push(text);
        if let Some(e) = self.entries.first_mut() {
            e.expires = Some(Instant::now() + ttl);
        }
    }

    fn evict(&mut self) {
        while self.entries.len() > self.cap {
            match self.entries.iter().rposition(|e| !e.pinned) {
                Some(i) => {
                    self.entries.remove(i);
                }
                None => break,
            }
        }
    }

    pub fn pin(&mut self, index: usize, pinned: bool) -> bool {
        match self.entries.get_mut(index) {
            Some(e) => {
                e.pinned = pinned;
                true
            }
            None => false,
        }
    }

    pub fn remove(&mut self, index: usize) -> Option<Entry> {
        (index < self.entries.len()).then(|| self.entries.remove(index))
    }

    /// Drops expired secrets; returns how many were removed.
    pub fn sweep(&mut self) -> usize {
        let now = Instant::now();
        let before = self.entries.len();
        self.entries.retain(|e| e.expires.map(|t| t > now).unwrap_or(true));
        before - self.entries.len()
    }

    pub fn search(&self, needle: &str) -> Vec<&Entry> {
        let n = needle.to_lowercase();
        self.entries.iter().filter(|e| e.text.to_lowercase().contains(&n)).collect()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn clear_unpinned(&mut self) {
        self.entries.retain(|e| e.pinned);
    }
}
