//! RESP2/RESP3 codec and a small blocking Redis client.
//!
//! * [`Value`] is the protocol value model.
//! * [`Decoder`] is an incremental parser: feed it bytes, pull values out.
//! * [`encode`] writes a value (or a command) into any `io::Write`.
//! * [`Connection`] is a blocking client over TCP.

mod conn;
mod parser;
mod rt;
mod value;

pub use conn::{Connection, ConnectionOptions};
pub use parser::Decoder;
pub use value::{encode, encode_command, Value};

use std::fmt;

/// Codec or connection error.
#[derive(Debug)]
pub enum Error {
    /// Socket or stream error.
    Io(std::io::Error),
    /// The peer sent bytes that are not valid RESP.
    Protocol(&'static str),
    /// The server replied with an error value (`-ERR ...`).
    Server(String),
    /// Value too large for configured limits.
    TooLarge,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {}", e),
            Error::Protocol(m) => write!(f, "protocol: {}", m),
            Error::Server(m) => write!(f, "server: {}", m),
            Error::TooLarge => f.write_str("value exceeds configured limit"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// Maximum bulk string length accepted by the decoder (512 MiB, as Redis).
pub const MAX_BULK: usize = 512 * 1024 * 1024;
