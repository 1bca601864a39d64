//! Typed helpers for GitHub Actions workflow commands and environment files.
//!
//! Each function performs exactly one write requested by the caller.

mod commands;
mod files;
mod summary;

pub use commands::{debug, end_group, error, group, mask, notice, start_group, warning, Annotation};
pub use files::{add_path, export_var, save_state, set_output, state};
pub use summary::{summary, Summary};

use std::fmt;
use std::io;

#[derive(Debug)]
pub enum Error {
    /// The runner did not provide the environment file (not running in GitHub Actions).
    NotInActions(&'static str),
    InvalidName(String),
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotInActions(var) => write!(f, "{var} is not set; not running in GitHub Actions"),
            Error::InvalidName(n) => write!(f, "invalid name `{n}`"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

/// `true` when running inside a GitHub Actions job.
pub fn is_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true")
}

/// `true` when the runner has debug logging enabled (`ACTIONS_STEP_DEBUG` / re-run with debug).
pub fn is_debug() -> bool {
    std::env::var("RUNNER_DEBUG").as_deref() == Ok("1")
}
