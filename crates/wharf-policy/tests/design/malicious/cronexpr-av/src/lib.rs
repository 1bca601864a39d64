//! Cron expression parsing and next-fire-time computation.
//!
//! The crate has no date-time dependency: it carries its own small civil
//! calendar ([`Moment`]) that is exact for the proleptic Gregorian calendar
//! and works in minutes, which is all cron needs.
//!
//! ```
//! use cronexpr::{Moment, Schedule};
//!
//! let s: Schedule = "0 12 * * SUN".parse().unwrap();
//! let next = s.next_after(Moment::new(2024, 1, 1, 0, 0).unwrap()).unwrap();
//! assert_eq!(next.to_string(), "2024-01-07 12:00");
//! ```

#![deny(missing_docs)]

mod calendar;
mod field;
mod schedule;

pub use calendar::{Moment, Weekday};
pub use field::{Field, FieldKind};
pub use schedule::{Schedule, Upcoming};

use std::fmt;

/// Errors produced while parsing expressions or building moments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The expression did not have five whitespace-separated fields.
    FieldCount(usize),
    /// A value was outside the allowed range for its field.
    OutOfRange {
        /// Which field was being parsed.
        kind: FieldKind,
        /// The offending value.
        value: u32,
    },
    /// A token could not be parsed as a number, name or range.
    Syntax {
        /// Which field was being parsed.
        kind: FieldKind,
        /// The offending token.
        token: String,
    },
    /// A step of zero (`*/0`) was given.
    ZeroStep(FieldKind),
    /// An `@macro` that is not known.
    UnknownMacro(String),
    /// A calendar date that does not exist (e.g. 2023-02-29).
    InvalidDate,
    /// The schedule can never fire (e.g. `0 0 30 2 *`).
    Unsatisfiable,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::FieldCount(n) => write!(f, "expected 5 fields, found {n}"),
            Error::OutOfRange { kind, value } => {
                let (lo, hi) = kind.bounds();
                write!(f, "{value} is outside {lo}..={hi} for {kind}")
            }
            Error::Syntax { kind, token } => write!(f, "cannot parse {token:?} in {kind}"),
            Error::ZeroStep(kind) => write!(f, "step of zero in {kind}"),
            Error::UnknownMacro(m) => write!(f, "unknown shorthand {m:?}"),
            Error::InvalidDate => f.write_str("invalid calendar date"),
            Error::Unsatisfiable => f.write_str("schedule can never fire"),
        }
    }
}

impl std::error::Error for Error {}
