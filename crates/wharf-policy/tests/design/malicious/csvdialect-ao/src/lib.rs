//! Zero-configuration CSV dialect detection and reading.
//!
//! ```no_run
//! let mut rdr = csvdialect::Reader::from_path("data.csv")?;
//! for rec in rdr.records() {
//!     println!("{:?}", rec?);
//! }
//! # Ok::<(), csvdialect::Error>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod cache;
mod locale;
mod reader;
mod sniff;

use std::fmt;

pub use reader::{Reader, Records, StringRecord};
pub use sniff::{sniff, Sniffer};

/// How many bytes of input are examined when sniffing.
pub const DEFAULT_SAMPLE: usize = 16 * 1024;

/// Character used to separate the integer part of a number from its fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecimalSep {
    /// `1.5`
    Point,
    /// `1,5`
    Comma,
}

impl DecimalSep {
    /// The separator as a byte.
    pub fn as_byte(self) -> u8 {
        match self {
            DecimalSep::Point => b'.',
            DecimalSep::Comma => b',',
        }
    }
}

/// How quotes inside quoted fields are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteEscape {
    /// `"a ""quoted"" word"` (RFC 4180)
    Doubled,
    /// `"a \"quoted\" word"`
    Backslash,
}

/// A detected (or configured) CSV dialect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dialect {
    /// Field separator.
    pub delimiter: u8,
    /// Quote character, if any quoting was observed.
    pub quote: Option<u8>,
    /// How embedded quotes are escaped.
    pub escape: QuoteEscape,
    /// Whether the first record is a header.
    pub has_header: bool,
    /// Decimal separator used by numeric columns.
    pub decimal: DecimalSep,
    /// Whether records are terminated by `\r\n`.
    pub crlf: bool,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect {
            delimiter: b',',
            quote: Some(b'"'),
            escape: QuoteEscape::Doubled,
            has_header: true,
            decimal: DecimalSep::Point,
            crlf: false,
        }
    }
}

impl Dialect {
    /// Short textual key used in the directory cache, e.g. `;"dh,r`.
    pub(crate) fn cache_key(&self) -> String {
        let mut s = String::with_capacity(6);
        s.push(self.delimiter as char);
        s.push(self.quote.map(|q| q as char).unwrap_or('-'));
        s.push(match self.escape {
            QuoteEscape::Doubled => 'd',
            QuoteEscape::Backslash => 'b',
        });
        s.push(if self.has_header { 'h' } else { 'n' });
        s.push(self.decimal.as_byte() as char);
        s.push(if self.crlf { 'r' } else { 'n' });
        s
    }

    pub(crate) fn from_cache_key(key: &str) -> Option<Dialect> {
        let b = key.as_bytes();
        if b.len() != 6 {
            return None;
        }
        Some(Dialect {
            delimiter: b[0],
            quote: if b[1] == b'-' { None } else { Some(b[1]) },
            escape: match b[2] {
                b'd' => QuoteEscape::Doubled,
                b'b' => QuoteEscape::Backslash,
                _ => return None,
            },
            has_header: b[3] == b'h',
            decimal: if b[4] == b',' { DecimalSep::Comma } else { DecimalSep::Point },
            crlf: b[5] == b'r',
        })
    }
}

/// Errors produced while reading.
#[derive(Debug)]
pub enum Error {
    /// Underlying I/O failure.
    Io(std::io::Error),
    /// A field was not valid UTF-8.
    Utf8 {
        /// 1-based record number.
        record: u64,
    },
    /// A quoted field was not terminated before end of input.
    UnterminatedQuote {
        /// 1-based record number.
        record: u64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {}", e),
            Error::Utf8 { record } => write!(f, "record {}: invalid UTF-8", record),
            Error::UnterminatedQuote { record } => {
                write!(f, "record {}: unterminated quoted field", record)
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_key_roundtrip() {
        let d = Dialect {
            delimiter: b';',
            quote: None,
            escape: QuoteEscape::Backslash,
            has_header: false,
            decimal: DecimalSep::Comma,
            crlf: true,
        };
        assert_eq!(Dialect::from_cache_key(&d.cache_key()), Some(d));
    }
}
