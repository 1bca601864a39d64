//! OpenSSH client configuration parsing.

mod config;
mod known_hosts;

pub use config::{Config, HostConfig};
pub use known_hosts::{HostKey, KnownHosts};

use std::path::PathBuf;

/// `~/.ssh`, honouring `$HOME`.
pub fn user_ssh_dir() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".ssh"))
}

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Parse { line: usize, msg: String },
    NoHome,
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Parse { line, msg } => write!(f, "line {line}: {msg}"),
            Error::NoHome => f.write_str("cannot determine home directory"),
        }
    }
}

impl std::error::Error for Error {}
