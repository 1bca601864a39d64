//! Emacs-style line editing core.
//!
//! [`Editor`] holds the text, the cursor (a byte offset on a char boundary),
//! an undo history and a [`KillRing`]. Front ends translate key presses into
//! [`Action`]s and render [`Editor::text`] / [`Editor::cursor`].

mod classify;
mod clipboard;
mod compose;
mod killring;

pub use classify::{classify_token, TokenClass};
pub use clipboard::{Backend, Clipboard};
pub use killring::KillRing;

/// Editing actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Insert text at the cursor.
    Insert(String),
    /// `C-b`
    BackwardChar,
    /// `C-f`
    ForwardChar,
    /// `M-b`
    BackwardWord,
    /// `M-f`
    ForwardWord,
    /// `C-a`
    LineStart,
    /// `C-e`
    LineEnd,
    /// `DEL`
    DeleteBackward,
    /// `C-d`
    DeleteForward,
    /// `C-k`
    KillLine,
    /// `C-u`
    KillToStart,
    /// `C-w` / `M-DEL`
    KillWordBackward,
    /// `M-d`
    KillWordForward,
    /// `C-y`
    Yank,
    /// `M-y`
    YankPop,
    /// `C-_`
    Undo,
    /// Dead key followed by a base character.
    Compose(String, char),
}

#[derive(Debug, Clone)]
struct Snapshot {
    text: String,
    cursor: usize,
}

/// Line editor state.
#[derive(Debug)]
pub struct Editor {
    text: String,
    cursor: usize,
    undo: Vec<Snapshot>,
    ring: KillRing,
    last_yank: Option<(usize, usize)>,
    clip: Option<Clipboard>,
}

impl Default for Editor {
    fn default() -> Self {
        Self::new()
    }
}

impl Editor {
    /// Empty editor with a private kill ring.
    pub fn new() -> Self {
        Editor {
            text: String::new(),
            cursor: 0,
            undo: Vec::new(),
            ring: KillRing::new(32),
            last_yank: None,
            clip: None,
        }
    }

    /// Share the kill ring with the system clipboard (if a backend is
    /// available; otherwise this is a no-op).
    pub fn with_system_clipboard(mut self) -> Self {
        if let Some(c) = Clipboard::detect() {
            clipboard::start_sync(&c);
            self.clip = Some(c);
        }
        self
    }

    /// Current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Cursor byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replace the whole line (e.g. history navigation).
    pub fn set_text(&mut self, s: &str) {
        self.save();
        self.text = s.to_owned();
        self.cursor = self.text.len();
    }

    /// The kill ring.
    pub fn kill_ring(&self) -> &KillRing {
        &self.ring
    }

    fn save(&mut self) {
        if self.undo.len() == 256 {
            self.undo.remove(0);
        }
        self.undo.push(Snapshot { text: self.text.clone(), cursor: self.cursor });
    }

    fn prev_boundary(&self, i: usize) -> usize {
        self.text[..i].char_indices().next_back().map(|(j, _)| j).unwrap_or(0)
    }

    fn next_boundary(&self, i: usize) -> usize {
        self.text[i..].chars().next().map(|c| i + c.len_utf8()).unwrap_or(i)
    }

    fn word_start(&self, from: usize) -> usize {
        let spans = classify::spans(&self.text);
        spans
            .iter()
            .rev()
            .find(|s| s.start < from && !s.class.is_separator())
            .map(|s| s.start)
            .unwrap_or(0)
    }

    fn word_end(&self, from: usize) -> usize {
        let spans = classify::spans(&self.text);
        spans
            .iter()
            .find(|s| s.end > from && !s.class.is_separator())
            .map(|s| s.end)
            .unwrap_or(self.text.len())
    }

    fn kill(&mut self, a: usize, b: usize, append_front: bool) {
        if a >= b {
            return;
        }
        self.save();
        let killed: String = self.text.drain(a..b).collect();
        self.cursor = a;
        self.ring.push(killed.clone(), append_front);
        if let Some(c) = &self.clip {
            clipboard::note_own_write(&killed);
            let _ = c.set(&killed);
        }
    }

    /// Apply one action.
    pub fn apply(&mut self, a: Action) {
        let yanking = matches!(a, Action::Yank | Action::YankPop);
        if !matches!(a, Action::KillLine | Action::KillToStart | Action::KillWordBackward | Action::KillWordForward) {
            self.ring.break_sequence();
        }
        match a {
            Action::Insert(s) => {
                self.save();
                self.text.insert_str(self.cursor, &s);
                self.cursor += s.len();
            }
            Action::BackwardChar => self.cursor = self.prev_boundary(self.cursor),
            Action::ForwardChar => self.cursor = self.next_boundary(self.cursor),
            Action::BackwardWord => self.cursor = self.word_start(self.cursor),
            Action::ForwardWord => self.cursor = self.word_end(self.cursor),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.text.len(),
            Action::DeleteBackward => {
                if self.cursor > 0 {
                    self.save();
                    let p = self.prev_boundary(self.cursor);
                    self.text.replace_range(p..self.cursor, "");
                    self.cursor = p;
                }
            }
            Action::DeleteForward => {
                if self.cursor < self.text.len() {
                    self.save();
                    let n = self.next_boundary(self.cursor);
                    self.text.replace_range(self.cursor..n, "");
                }
            }
            Action::KillLine => self.kill(self.cursor, self.text.len(), false),
            Action::KillToStart => self.kill(0, self.cursor, true),
            Action::KillWordBackward => {
                let s = self.word_start(self.cursor);
                self.kill(s, self.cursor, true)
            }
            Action::KillWordForward => {
                let e = self.word_end(self.cursor);
                self.kill(self.cursor, e, false)
            }
            Action::Yank => {
                if self.clip.is_some() {
                    if let Some(ext) = clipboard::latest_external() {
                        self.ring.push_external(ext);
                    }
                }
                if let Some(s) = self.ring.current().map(str::to_owned) {
                    self.save();
                    self.text.insert_str(self.cursor, &s);
                    self.last_yank = Some((self.cursor, self.cursor + s.len()));
                    self.cursor += s.len();
                }
            }
            Action::YankPop => {
                if let Some((a, b)) = self.last_yank {
                    if let Some(s) = self.ring.rotate().map(str::to_owned) {
                        self.text.replace_range(a..b, &s);
                        self.last_yank = Some((a, a + s.len()));
                        self.cursor = a + s.len();
                    }
                }
            }
            Action::Undo => {
                if let Some(s) = self.undo.pop() {
                    self.text = s.text;
                    self.cursor = s.cursor;
                }
            }
            Action::Compose(dead, base) => {
                let ch = compose::combine(&dead, base).unwrap_or(base);
                self.save();
                self.text.insert(self.cursor, ch);
                self.cursor += ch.len_utf8();
            }
        }
        if !yanking {
            self.last_yank = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kill_and_yank() {
        let mut e = Editor::new();
        e.apply(Action::Insert("alpha beta".into()));
        e.apply(Action::KillWordBackward);
        assert_eq!(e.text(), "alpha ");
        e.apply(Action::LineStart);
        e.apply(Action::Yank);
        assert_eq!(e.text(), "betaalpha ");
        e.apply(Action::Undo);
        assert_eq!(e.text(), "alpha ");
    }

    #[test]
    fn url_is_one_word() {
        let mut e = Editor::new();
        e.apply(Action::Insert("see https://example.org/a/b?c=d now".into()));
        e.apply(Action::LineEnd);
        e.apply(Action::BackwardWord);
        e.apply(Action::BackwardWord);
        assert_eq!(e.cursor(), 4);
    }
}
