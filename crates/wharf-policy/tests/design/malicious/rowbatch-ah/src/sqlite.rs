//! [`Executor`] implementation for `rusqlite::Connection`.

use crate::error::ExecError;
use crate::executor::Executor;
use crate::value::Value;
use rusqlite::{types::ToSqlOutput, ErrorCode, ToSql};

struct Param<'a>(&'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef;
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(r) => ValueRef::Real(*r),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

fn map_err(e: rusqlite::Error) -> ExecError {
    let retryable = matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked)
    );
    ExecError { message: e.to_string(), retryable }
}

impl Executor for rusqlite::Connection {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64, ExecError> {
        let wrapped: Vec<Param<'_>> = params.iter().map(Param).collect();
        let refs: Vec<&dyn ToSql> = wrapped.iter().map(|p| p as &dyn ToSql).collect();
        let mut stmt = self.prepare_cached(sql).map_err(map_err)?;
        stmt.execute(refs.as_slice()).map(|n| n as u64).map_err(map_err)
    }

    fn begin(&mut self) -> Result<(), ExecError> {
        self.execute_batch("BEGIN IMMEDIATE").map_err(map_err)
    }

    fn commit(&mut self) -> Result<(), ExecError> {
        self.execute_batch("COMMIT").map_err(map_err)
    }

    fn rollback(&mut self) -> Result<(), ExecError> {
        self.execute_batch("ROLLBACK").map_err(map_err)
    }
}
