//! Lightweight Linux process and host statistics.
//!
//! Everything is parsed from `/proc` and `/sys` with no dependencies.

mod host;
mod proc;
#[cfg(feature = "sampler")]
mod sampler;
#[cfg(feature = "sampler")]
mod export;

pub use host::{HostInfo, Virtualization};
pub use proc::{LoadAvg, ProcessStats};

use std::fmt;
use std::io;

/// Errors from reading statistics.
#[derive(Debug)]
pub enum Error {
    /// Not running on Linux.
    Unsupported,
    /// A `/proc` or `/sys` file could not be read.
    Io(io::Error),
    /// A field was missing or malformed.
    Parse(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported => f.write_str("procstat-lite only supports Linux"),
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::Parse(w) => write!(f, "could not parse {w}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// CPU utilisation of this process over the sampler window, in percent of
/// one core. Returns `None` until two samples exist.
#[cfg(feature = "sampler")]
pub fn cpu_percent() -> Option<f64> {
    sampler::cpu_percent()
}

/// Parse a `key:   value kB` style line, returning the first integer.
pub(crate) fn kv_number(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find(|l| l.starts_with(key) && l[key.len()..].starts_with(':'))
        .and_then(|l| l[key.len() + 1..].split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_parsing() {
        let t = "Name:\tcat\nVmRSS:\t  1234 kB\nThreads:\t3\n";
        assert_eq!(kv_number(t, "VmRSS"), Some(1234));
        assert_eq!(kv_number(t, "Threads"), Some(3));
        assert_eq!(kv_number(t, "Vm"), None);
    }
}
