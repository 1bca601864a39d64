//! `addrguard` — defences against clipboard hijacking and address
//! poisoning for wallet user interfaces.
//!
//! The crate never touches the clipboard on its own: reading happens when
//! you call [`ClipboardBackend::read`] or start a [`Watcher`], writing only
//! through [`copy_address`] / [`ClipboardBackend::write`] with text you
//! provide.
//!
//! ```
//! use addrguard::{address, Guard, PasteVerdict};
//! use std::time::Duration;
//!
//! let mine = address::parse(&address::eip55(&[0x5a; 20])).unwrap();
//! let mut g = Guard::new(Duration::from_secs(60));
//! g.arm(mine.clone());
//! assert_eq!(g.check_paste(&mine.text), PasteVerdict::Match);
//!
//! let other = address::eip55(&[0x5b; 20]);
//! assert!(matches!(g.check_paste(&other), PasteVerdict::Mismatch { .. }));
//! ```

#![warn(missing_docs)]

pub mod address;
pub mod clipboard;
pub mod guard;

pub use address::{find_all, parse, AddrError, Address, Chain, Kind};
pub use clipboard::{copy_address, ClipboardBackend, MemoryClipboard, SystemClipboard, Tool};
pub use guard::{lookalike, AddressBook, BookVerdict, Guard, Lookalike, PasteVerdict, WatchEvent, Watcher};
