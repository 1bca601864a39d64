//! `pastewire` — terminal input decoding with safe bracketed paste.
//!
//! Decodes the byte stream a terminal sends in raw mode into key presses,
//! SGR mouse events, focus changes and **pastes**. Pastes are delivered as
//! one [`Event::Paste`] instead of a flood of key presses, and are cleaned
//! up on the way (escape sequences stripped, newlines normalised, smart
//! quotes and exotic spaces folded, identifiers that the terminal split at
//! the margin rejoined). See [`PasteOptions`].
//!
//! ```no_run
//! use std::io::Write;
//! use pastewire::{modes, Event, Events};
//!
//! let mut out = std::io::stdout();
//! out.write_all(modes::BRACKETED_PASTE_ON.as_bytes())?;
//! out.flush()?;
//! // (put the tty in raw mode with your favourite crate first)
//! for ev in Events::new(std::io::stdin()) {
//!     match ev? {
//!         Event::Paste(text) => println!("pasted {} bytes", text.len()),
//!         Event::Key(k) => println!("key {k}"),
//!         _ => {}
//!     }
//! }
//! # Ok::<(), std::io::Error>(())
//! ```

#![warn(missing_docs)]

mod dist;
pub mod key;
pub mod paste;
mod parser;
pub mod shape;

use std::io::{self, Read};

pub use key::{KeyCode, KeyEvent, KeyParseError, Modifiers};
pub use parser::Parser;
pub use paste::PasteOptions;

/// A decoded input event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Key press.
    Key(KeyEvent),
    /// Bracketed paste, already filtered.
    Paste(String),
    /// Mouse (SGR 1006 encoding).
    Mouse(MouseEvent),
    /// Terminal window gained focus (mode 1004).
    FocusGained,
    /// Terminal window lost focus (mode 1004).
    FocusLost,
    /// A sequence this crate does not understand, verbatim.
    Unknown(Vec<u8>),
}

/// Mouse button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseButton {
    /// Left.
    Left,
    /// Middle.
    Middle,
    /// Right.
    Right,
    /// Wheel up.
    WheelUp,
    /// Wheel down.
    WheelDown,
    /// Motion with no button.
    None,
}

/// A mouse event; coordinates are zero-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MouseEvent {
    /// Button.
    pub button: MouseButton,
    /// Column.
    pub column: u16,
    /// Row.
    pub row: u16,
    /// Modifiers held.
    pub mods: Modifiers,
    /// Press (`true`) or release.
    pub pressed: bool,
    /// Motion with the button held.
    pub drag: bool,
}

/// Mode switch sequences to write to the terminal.
pub mod modes {
    /// Enable bracketed paste (DECSET 2004).
    pub const BRACKETED_PASTE_ON: &str = "\x1b[?2004h";
    /// Disable bracketed paste.
    pub const BRACKETED_PASTE_OFF: &str = "\x1b[?2004l";
    /// Enable focus reporting (DECSET 1004).
    pub const FOCUS_ON: &str = "\x1b[?1004h";
    /// Disable focus reporting.
    pub const FOCUS_OFF: &str = "\x1b[?1004l";
    /// Enable button + drag mouse reporting with SGR encoding.
    pub const MOUSE_ON: &str = "\x1b[?1002h\x1b[?1006h";
    /// Disable mouse reporting.
    pub const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1002l";
}

/// Blocking iterator over events read from `R`.
///
/// A lone `ESC` is reported when a read would block (non-blocking fd) or at
/// end of input; a zero-length read ends the iteration.
pub struct Events<R> {
    reader: R,
    parser: Parser,
    buf: Box<[u8; 4096]>,
    done: bool,
}

impl<R: Read> Events<R> {
    /// Reads from `reader` with default paste options.
    pub fn new(reader: R) -> Self {
        Self::with_options(reader, PasteOptions::default())
    }

    /// Reads from `reader` with custom paste options.
    pub fn with_options(reader: R, opts: PasteOptions) -> Self {
        Events { reader, parser: Parser::new(opts), buf: Box::new([0; 4096]), done: false }
    }

    /// Access to the underlying parser.
    pub fn parser(&mut self) -> &mut Parser {
        &mut self.parser
    }
}

impl<R: Read> Iterator for Events<R> {
    type Item = io::Result<Event>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(ev) = self.parser.next_event() {
                return Some(Ok(ev));
            }
            if self.done {
                return None;
            }
            match self.reader.read(&mut self.buf[..]) {
                Ok(0) => {
                    self.parser.timeout();
                    self.done = true;
                }
                Ok(n) => self.parser.feed(&self.buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.parser.timeout();
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Decodes a complete byte buffer into events (handy for tests and for
/// replaying recorded input).
pub fn decode(bytes: &[u8]) -> Vec<Event> {
    let mut p = Parser::default();
    p.feed(bytes);
    p.timeout();
    std::iter::from_fn(|| p.next_event()).collect()
}

/// 32-bit FNV-1a, used for table seeds.
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}
