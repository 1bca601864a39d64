//! # ipc-localbus
//!
//! Event-based local IPC over Unix domain sockets.
//!
//! Wire format is compatible with the Node.js `node-ipc` package: every
//! message is a JSON object `{"type": "<event>", "data": <value>}` terminated
//! by the form-feed delimiter `\f`.
//!
//! * [`Server`] listens on a socket under the application socket root and
//!   dispatches incoming events to registered handlers.
//! * [`Client`] connects to a named server and emits / receives events.
//!
//! Socket paths are resolved by [`socket_path`], which honours
//! `$XDG_RUNTIME_DIR` and falls back to the temp directory, matching the
//! `appspace` + `id` convention of node-ipc.

mod client;
mod codec;
mod server;
mod spec;

pub use client::Client;
pub use codec::{Frame, FrameError, FrameReader, DELIMITER};
pub use server::{Handler, Server, ServerConfig};
pub use spec::socket_path;

/// Default application namespace, prefixed to every socket name.
pub const DEFAULT_APPSPACE: &str = "app.";

/// Crate-wide result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Errors produced by the bus.
#[derive(Debug)]
pub enum Error {
    /// Underlying socket error.
    Io(std::io::Error),
    /// A frame could not be decoded.
    Frame(FrameError),
    /// The peer closed the connection.
    Closed,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io error: {e}"),
            Error::Frame(e) => write!(f, "frame error: {e}"),
            Error::Closed => f.write_str("connection closed by peer"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<FrameError> for Error {
    fn from(e: FrameError) -> Self {
        Error::Frame(e)
    }
}
