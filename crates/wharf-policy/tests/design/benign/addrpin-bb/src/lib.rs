//! Detect clipboard address swapping ("clippers").
//!
//! [`Watcher::poll`] reads the clipboard, and when it holds an
//! address-shaped string, pins it. If a later poll finds a *different*
//! address of the same [`Kind`] shortly after, that is reported as
//! [`Event::Swapped`]. The library never writes the clipboard on its own.

mod book;
mod kind;

use std::time::{Duration, Instant};

pub use book::AddressBook;
pub use kind::{bech32_verify, classify, Kind, Variant};

/// An address seen on the clipboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The text, trimmed.
    pub text: String,
    /// Its kind.
    pub kind: Kind,
}

/// Something worth telling the user about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A new address was copied and pinned.
    Pinned(Seen),
    /// The clipboard now holds a different address of the same kind, within
    /// the swap window, without the user copying anything in between.
    Swapped {
        /// What the user copied.
        pinned: Seen,
        /// What the clipboard holds now.
        now: Seen,
    },
    /// The clipboard holds an address that is not in the caller's address
    /// book (only with [`Watcher::with_book`]).
    Unknown(Seen),
}

/// Clipboard access, abstracted for tests.
pub trait Clip {
    /// Current clipboard text, if any.
    fn get(&mut self) -> Option<String>;
    /// Replace the clipboard text.
    fn set(&mut self, text: &str) -> Result<(), String>;
}

/// The system clipboard via `arboard`.
pub struct SystemClip(arboard::Clipboard);

impl Clip for SystemClip {
    fn get(&mut self) -> Option<String> {
        self.0.get_text().ok()
    }
    fn set(&mut self, text: &str) -> Result<(), String> {
        self.0.set_text(text.to_owned()).map_err(|e| e.to_string())
    }
}

/// Polls a clipboard and reports pins and swaps.
pub struct Watcher<C: Clip = SystemClip> {
    clip: C,
    last_text: Option<String>,
    pinned: Option<(Seen, Instant)>,
    window: Duration,
    book: Option<AddressBook>,
}

impl Watcher<SystemClip> {
    /// Watch the system clipboard.
    pub fn new() -> Result<Self, arboard::Error> {
        Ok(Watcher::with_clip(SystemClip(arboard::Clipboard::new()?)))
    }
}

impl<C: Clip> Watcher<C> {
    /// Watch any [`Clip`] implementation.
    pub fn with_clip(clip: C) -> Self {
        Watcher { clip, last_text: None, pinned: None, window: Duration::from_secs(120), book: None }
    }

    /// How long after a copy a change counts as a swap. Default 2 minutes.
    pub fn window(mut self, d: Duration) -> Self {
        self.window = d;
        self
    }

    /// Also report addresses missing from `book`.
    pub fn with_book(mut self, book: AddressBook) -> Self {
        self.book = Some(book);
        self
    }

    /// The underlying clipboard backend.
    pub fn clip_mut(&mut self) -> &mut C {
        &mut self.clip
    }

    /// The currently pinned address.
    pub fn pinned(&self) -> Option<&Seen> {
        self.pinned.as_ref().map(|(s, _)| s)
    }

    /// Read the clipboard once.
    pub fn poll(&mut self) -> Result<Option<Event>, String> {
        let Some(text) = self.clip.get() else { return Ok(None) };
        if self.last_text.as_deref() == Some(text.as_str()) {
            return Ok(None);
        }
        self.last_text = Some(text.clone());

        let trimmed = text.trim();
        let Some(kind) = classify(trimmed) else {
            // Non-address content means the user copied something else;
            // whatever comes next is a fresh copy, not a swap.
            self.pinned = None;
            return Ok(None);
        };
        let now = Seen { text: trimmed.to_owned(), kind };

        if let Some((pinned, at)) = &self.pinned {
            if pinned.kind == now.kind && pinned.text != now.text && at.elapsed() <= self.window {
                return Ok(Some(Event::Swapped { pinned: pinned.clone(), now }));
            }
        }

        if let Some(book) = &self.book {
            if !book.contains(&now.text) {
                self.pinned = Some((now.clone(), Instant::now()));
                return Ok(Some(Event::Unknown(now)));
            }
        }
        self.pinned = Some((now.clone(), Instant::now()));
        Ok(Some(Event::Pinned(now)))
    }

    /// Put the pinned address back on the clipboard. Call this only after
    /// the user confirmed it; the library never does on its own.
    pub fn restore(&mut self) -> Result<(), String> {
        let Some((pinned, _)) = &self.pinned else { return Err("nothing pinned".into()) };
        let text = pinned.text.clone();
        self.clip.set(&text)?;
        self.last_text = Some(text);
        Ok(())
    }

    /// Empty the clipboard and forget the pin.
    pub fn clear(&mut self) -> Result<(), String> {
        self.clip.set("")?;
        self.last_text = Some(String::new());
        self.pinned = None;
        Ok(())
    }
}

/// Compare two addresses the way a careful human should: every character.
/// Returns the index of the first difference, if any.
pub fn first_difference(a: &str, b: &str) -> Option<usize> {
    a.bytes().zip(b.bytes()).position(|(x, y)| x != y).or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))
}
