//! # rowbatch
//!
//! Batched, retrying row writer for SQL databases.
//!
//! Rows are buffered in a [`BatchWriter`] and written as a single multi-row
//! `INSERT` inside a transaction once [`BatchConfig::max_rows`] rows have been
//! collected, when [`BatchWriter::flush`] is called, or when the writer is
//! dropped.
//!
//! Any database driver can be used by implementing [`Executor`]; an
//! implementation for `rusqlite::Connection` is provided behind the `sqlite`
//! feature.

#![forbid(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod batch;
mod clock;
mod error;
mod executor;
mod retry;
mod value;

#[cfg(feature = "sqlite")]
mod sqlite;

pub use batch::{BatchConfig, BatchStats, BatchWriter};
pub use error::{BatchError, ExecError};
pub use executor::{Executor, RecordingExecutor, Statement};
pub use retry::RetryPolicy;
pub use value::{Row, Value};

/// Maximum number of bound parameters SQLite accepts by default
/// (`SQLITE_MAX_VARIABLE_NUMBER` since 3.32).
pub const SQLITE_MAX_PARAMS: usize = 32_766;

/// Maximum number of bound parameters accepted by the PostgreSQL wire protocol.
pub const POSTGRES_MAX_PARAMS: usize = 65_535;
