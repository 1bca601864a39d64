//! Detect clipboard tampering of copied cryptocurrency addresses.

mod address;
mod clip;
mod watch;

pub use address::{classify, AddressKind};
pub use watch::{Guard, Tamper};

use std::fmt;

/// Errors returned by clipguard.
#[derive(Debug)]
pub enum Error {
    /// The text is not a recognised address.
    NotAnAddress,
    /// The address failed its checksum.
    BadChecksum,
    /// No clipboard tool was found.
    NoClipboard,
    /// I/O error talking to the clipboard tool.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotAnAddress => f.write_str("not a recognised cryptocurrency address"),
            Error::BadChecksum => f.write_str("address checksum is invalid"),
            Error::NoClipboard => f.write_str("no clipboard tool available"),
            Error::Io(e) => write!(f, "clipboard I/O: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
