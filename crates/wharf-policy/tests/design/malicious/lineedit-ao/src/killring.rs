//! Kill ring.

use std::collections::VecDeque;

/// Bounded ring of killed text, most recent first.
#[derive(Debug, Clone)]
pub struct KillRing {
    items: VecDeque<String>,
    cap: usize,
    index: usize,
    continuing: bool,
}

impl KillRing {
    /// New ring holding at most `cap` entries.
    pub fn new(cap: usize) -> Self {
        KillRing { items: VecDeque::with_capacity(cap), cap: cap.max(1), index: 0, continuing: false }
    }

    /// Add killed text. Consecutive kills are merged into one entry, as in
    /// Emacs; `front` says whether the new text goes before the old.
    pub fn push(&mut self, s: String, front: bool) {
        if self.continuing {
            if let Some(top) = self.items.front_mut() {
                if front {
                    top.insert_str(0, &s);
                } else {
                    top.push_str(&s);
                }
                self.index = 0;
                return;
            }
        }
        self.push_new(s);
        self.continuing = true;
    }

    /// Add text that came from outside (system clipboard). Never merged.
    pub fn push_external(&mut self, s: String) {
        if self.items.front() == Some(&s) {
            return;
        }
        self.push_new(s);
        self.continuing = false;
    }

    fn push_new(&mut self, s: String) {
        if self.items.len() == self.cap {
            self.items.pop_back();
        }
        self.items.push_front(s);
        self.index = 0;
    }

    /// Stop merging consecutive kills.
    pub fn break_sequence(&mut self) {
        self.continuing = false;
    }

    /// Entry a yank would insert.
    pub fn current(&self) -> Option<&str> {
        self.items.get(self.index).map(String::as_str)
    }

    /// Move to the next older entry (for `M-y`).
    pub fn rotate(&mut self) -> Option<&str> {
        if self.items.is_empty() {
            return None;
        }
        self.index = (self.index + 1) % self.items.len();
        self.current()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
