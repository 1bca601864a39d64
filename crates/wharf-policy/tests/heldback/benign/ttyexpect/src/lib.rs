//! Expect-style automation of interactive programs through a pseudo-terminal.

mod pty;
mod reader;
mod session;
mod shell;
pub mod tcp;

pub use session::Session;
pub use shell::{spawn_bash, spawn_shell, ShellSession};
pub use std::process::Command;

use std::fmt;

/// Errors.
#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    /// Timed out waiting for a pattern; carries what was read so far.
    Timeout { expected: String, got: String },
    /// The program exited (or the peer closed) before the pattern appeared.
    Eof { expected: String, got: String },
    Regex(regex::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Timeout { expected, got } => write!(f, "timed out waiting for {expected:?}; output so far:\n{got}"),
            Error::Eof { expected, got } => write!(f, "EOF while waiting for {expected:?}; output:\n{got}"),
            Error::Regex(e) => write!(f, "bad regex: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<regex::Error> for Error {
    fn from(e: regex::Error) -> Self {
        Error::Regex(e)
    }
}

/// Spawn `cmd` on a new pseudo-terminal; every `expect` waits at most `timeout_ms`.
pub fn spawn(cmd: &mut Command, timeout_ms: u64) -> Result<Session<pty::PtyStream>, Error> {
    let stream = pty::spawn(cmd)?;
    Ok(Session::new(stream, timeout_ms))
}
