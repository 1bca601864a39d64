//! Blocking Modbus TCP client.

mod client;
mod pdu;
mod timing;

pub use client::Client;
pub use pdu::{ExceptionCode, FunctionCode};

use std::fmt;

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Exception(ExceptionCode),
    BadResponse(&'static str),
    TooMany(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Exception(c) => write!(f, "modbus exception: {c:?}"),
            Error::BadResponse(w) => write!(f, "bad response: {w}"),
            Error::TooMany(n) => write!(f, "too many items in one request: {n}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
