//! The [`Executor`] abstraction over database drivers.

use crate::error::ExecError;
use crate::value::Value;

/// Minimal interface a database driver has to provide.
pub trait Executor {
    /// Execute one statement with positional (`?`) parameters and return the
    /// number of affected rows.
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, ExecError>;

    /// Begin a transaction.
    fn begin(&mut self) -> Result<(), ExecError> {
        self.execute("BEGIN", &[]).map(|_| ())
    }

    /// Commit the current transaction.
    fn commit(&mut self) -> Result<(), ExecError> {
        self.execute("COMMIT", &[]).map(|_| ())
    }

    /// Roll back the current transaction.
    fn rollback(&mut self) -> Result<(), ExecError> {
        self.execute("ROLLBACK", &[]).map(|_| ())
    }

    /// Maximum number of bound parameters per statement.
    fn max_params(&self) -> usize {
        crate::SQLITE_MAX_PARAMS
    }
}

impl<E: Executor + ?Sized> Executor for &mut E {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, ExecError> {
        (**self).execute(sql, params)
    }
    fn begin(&mut self) -> Result<(), ExecError> {
        (**self).begin()
    }
    fn commit(&mut self) -> Result<(), ExecError> {
        (**self).commit()
    }
    fn rollback(&mut self) -> Result<(), ExecError> {
        (**self).rollback()
    }
    fn max_params(&self) -> usize {
        (**self).max_params()
    }
}

/// A statement captured by [`RecordingExecutor`].
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// SQL text.
    pub sql: String,
    /// Bound parameters.
    pub params: Vec<Value>,
}

/// An executor that records every statement; useful in tests.
///
/// It can be told to fail the next `n` statements with a transient error to
/// exercise retry logic.
#[derive(Debug, Default)]
pub struct RecordingExecutor {
    /// Statements executed so far.
    pub statements: Vec<Statement>,
    fail_next: u32,
    max_params: Option<usize>,
}

impl RecordingExecutor {
    /// New, empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Fail the next `n` non-transaction-control statements with a transient error.
    pub fn fail_next(&mut self, n: u32) {
        self.fail_next = n;
    }

    /// Pretend the driver only supports `n` bound parameters.
    pub fn with_max_params(mut self, n: usize) -> Self {
        self.max_params = Some(n);
        self
    }

    /// Only the `INSERT` statements.
    pub fn inserts(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| s.sql.starts_with("INSERT"))
    }
}

impl Executor for RecordingExecutor {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, ExecError> {
        let control = matches!(sql, "BEGIN" | "COMMIT" | "ROLLBACK");
        if !control && self.fail_next > 0 {
            self.fail_next -= 1;
            return Err(ExecError::transient("database is locked"));
        }
        self.statements.push(Statement { sql: sql.to_owned(), params: params.to_vec() });
        Ok(if control { 0 } else { 1 })
    }

    fn max_params(&self) -> usize {
        self.max_params.unwrap_or(crate::SQLITE_MAX_PARAMS)
    }
}
