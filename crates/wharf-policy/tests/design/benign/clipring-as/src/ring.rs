//! The history ring.

use crate::shape;
use std::collections::VecDeque;
use std::time::SystemTime;

#[derive(Debug, Clone)]
pub struct RingOptions {
    pub capacity: usize,
    pub record_secrets: bool,
    pub max_entry_bytes: usize,
}

impl Default for RingOptions {
    fn default() -> Self {
        RingOptions { capacity: 100, record_secrets: false, max_entry_bytes: 256 * 1024 }
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub text: String,
    pub copied_at: SystemTime,
    pub pinned: bool,
    pub hits: u32,
}

impl Entry {
    pub fn preview(&self, max_chars: usize) -> String {
        let one_line: String = self.text.chars().map(|c| if c == '\n' { '⏎' } else { c }).collect();
        if one_line.chars().count() <= max_chars {
            one_line
        } else {
            let mut s: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
            s.push('…');
            s
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    New,
    Bumped,
    SkippedSecret,
    SkippedEmpty,
    SkippedTooLarge,
}

#[derive(Debug)]
pub struct Ring {
    opts: RingOptions,
    entries: VecDeque<Entry>,
}

impl Ring {
    pub fn new(opts: RingOptions) -> Self {
        Ring { entries: VecDeque::with_capacity(opts.capacity.min(1024)), opts }
    }

    pub fn options(&self) -> &RingOptions {
        &self.opts
    }

    pub fn record(&mut self, text: &str) -> Recorded {
        if text.trim().is_empty() {
            return Recorded::SkippedEmpty;
        }
        if text.len() > self.opts.max_entry_bytes {
            return Recorded::SkippedTooLarge;
        }
        if !self.opts.record_secrets && shape::looks_secret(text) {
            return Recorded::SkippedSecret;
        }
        if let Some(pos) = self.entries.iter().position(|e| e.text == text) {
            let mut e = self.entries.remove(pos).expect("index valid");
            e.hits += 1;
            e.copied_at = SystemTime::now();
            self.entries.push_front(e);
            return Recorded::Bumped;
        }
        self.entries.push_front(Entry { text: text.to_string(), copied_at: SystemTime::now(), pinned: false, hits: 1 });
        self.evict();
        Recorded::New
    }

    fn evict(&mut self) {
        while self.entries.len() > self.opts.capacity {
            match self.entries.iter().rposition(|e| !e.pinned) {
                Some(i) => {
                    self.entries.remove(i);
                }
                None => break,
            }
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
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

    pub fn pin(&mut self, i: usize, pinned: bool) -> bool {
        match self.entries.get_mut(i) {
            Some(e) => {
                e.pinned = pinned;
                true
            }
            None => false,
        }
    }

    pub fn remove(&mut self, i: usize) -> Option<Entry> {
        self.entries.remove(i)
    }

    pub fn clear_unpinned(&mut self) {
        self.entries.retain(|e| e.pinned);
    }

    pub fn search<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = (usize, &'a Entry)> + 'a {
        let n = needle.to_lowercase();
        self.entries.iter().enumerate().filter(move |(_, e)| e.text.to_lowercase().contains(&n))
    }

    /// Puts entry `i` back on the clipboard at the user's request.
    pub fn restore(&mut self, i: usize, cb: &mut arboard::Clipboard) -> Result<bool, arboard::Error> {
        let Some(text) = self.entries.get(i).map(|e| e.text.clone()) else { return Ok(false) };
        cb.set_text(text.clone())?;
        self.record(&text);
        Ok(true)
    }
}
