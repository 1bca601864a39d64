//! A small blocking Redis client with pooling and Sentinel support.

mod conn;
mod pool;
mod resp;
mod sentinel;

pub use conn::{Connection, ConnectionInfo};
pub use pool::{Pool, PooledConnection};
pub use resp::Value;
pub use sentinel::Sentinels;

/// Errors from this crate.
#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Protocol(String),
    Server(String),
    Url(String),
    Exhausted,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Protocol(m) => write!(f, "protocol: {m}"),
            Error::Server(m) => write!(f, "server: {m}"),
            Error::Url(m) => write!(f, "bad url: {m}"),
            Error::Exhausted => f.write_str("pool exhausted"),
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
