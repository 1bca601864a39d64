//! The one error type of the registry's use-cases.
//!
//! Each front end maps it in its own way: the API to a status and `{"errors":[{"detail":…}]}`, the
//! web site to a page in words, the CLI to a one-line message and an exit code. The text of every
//! kind but [`RegistryError::Internal`] is written for the person who asked, and shown as is.

use thiserror::Error;
use wharf_store::StoreError;

#[derive(Debug, Error)]
pub enum RegistryError {
    /// The request is malformed or not acceptable as it is.
    #[error("{0}")]
    Invalid(String),
    /// The request is larger than the registry accepts.
    #[error("{0}")]
    TooLarge(String),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The thing asked for does not exist (or is hidden from the caller).
    #[error("{0}")]
    NotFound(String),
    /// The thing existed but is no longer valid (an expired invitation).
    #[error("{0}")]
    Gone(String),
    /// The request clashes with existing state (a taken name, a version already published).
    #[error("{0}")]
    Conflict(String),
    /// A rule of the usage policy refused an otherwise valid request (the owner-deletion rule).
    #[error("{0}")]
    Refused(String),
    /// Too many actions of one kind in too short a time.
    #[error("{message}")]
    RateLimited {
        message: String,
        retry_after_secs: u64,
    },
    /// The registry is working at capacity on requests of this kind; the same request may succeed
    /// after `retry_after_secs`.
    #[error("{message}")]
    Busy {
        message: String,
        retry_after_secs: u64,
    },
    /// Something inside the registry failed; the details are for the log, never for the caller.
    #[error("internal error: {0}")]
    Internal(String),
}

impl RegistryError {
    /// The text to show the person who asked: the message, or a neutral sentence for internal
    /// failures (whose details went to the log).
    pub fn detail(&self) -> String {
        match self {
            RegistryError::Internal(_) => {
                "the registry could not complete the request because of an internal error; try again shortly"
                    .to_string()
            }
            other => other.to_string(),
        }
    }
}

impl From<StoreError> for RegistryError {
    fn from(error: StoreError) -> RegistryError {
        match error {
            StoreError::NotFound(m) => RegistryError::NotFound(m),
            StoreError::Conflict(m) => RegistryError::Conflict(m),
            StoreError::Gone(m) => RegistryError::Gone(m),
            StoreError::Refused(m) => RegistryError::Refused(m),
            StoreError::Forbidden(m) => RegistryError::Forbidden(m),
            StoreError::Invalid(m) => RegistryError::Invalid(m),
            StoreError::RateLimited {
                message,
                retry_after_secs,
            } => RegistryError::RateLimited {
                message,
                retry_after_secs,
            },
            // PostgreSQL's text cannot hold a NUL character (SQLite's can): a name, a reason or a
            // report that carries one is the caller's mistake, not the registry's.
            error if error.is_nul_in_text() => RegistryError::Invalid(
                "the request holds a NUL character (\\u0000), which Wharf cannot store or \
                     search for"
                    .into(),
            ),
            other => {
                // Internal details go to the log, not to the caller.
                tracing::error!(error = %other, "internal error");
                RegistryError::Internal(other.to_string())
            }
        }
    }
}

pub type RegistryResult<T> = Result<T, RegistryError>;
