//! Error types.

use thiserror::Error;

/// Error reported by an [`Executor`](crate::Executor).
#[derive(Debug, Error)]
#[error("{message}")]
pub struct ExecError {
    /// Human readable message from the driver.
    pub message: String,
    /// Whether the operation may succeed if retried (busy, locked,
    /// serialization failure, connection reset).
    pub retryable: bool,
}

impl ExecError {
    /// A non-retryable error.
    pub fn fatal(message: impl Into<String>) -> Self {
        Self { message: message.into(), retryable: false }
    }

    /// A retryable error.
    pub fn transient(message: impl Into<String>) -> Self {
        Self { message: message.into(), retryable: true }
    }
}

/// Errors returned by [`BatchWriter`](crate::BatchWriter).
#[derive(Debug, Error)]
pub enum BatchError {
    /// Row has the wrong number of values.
    #[error("row has {got} values, table `{table}` expects {expected}")]
    Arity {
        /// Target table.
        table: String,
        /// Column count.
        expected: usize,
        /// Values supplied.
        got: usize,
    },
    /// Invalid identifier (table or column name).
    #[error("invalid SQL identifier `{0}`")]
    Identifier(String),
    /// Configuration error.
    #[error("invalid configuration: {0}")]
    Config(&'static str),
    /// The executor failed and retries were exhausted.
    #[error("write failed after {attempts} attempt(s): {source}")]
    Exec {
        /// Attempts made.
        attempts: u32,
        /// Last error.
        #[source]
        source: ExecError,
    },
}
