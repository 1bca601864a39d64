//! The metadata database: one pool, one dialect of SQL for SQLite and PostgreSQL.
//!
//! Queries go through sqlx's `Any` driver with `$n` placeholders, which both databases accept, so
//! every code path is the same on both and the one integration suite covers both. The schema differs
//! only where the databases must (how ids are generated, booleans); each has its own migration
//! directory, and `tests/schema_parity.rs` fails when they differ in anything else.
//!
//! # Writing
//!
//! Every statement that writes runs in a transaction from [`Db::begin_write`]; reads go to the pool
//! directly and take no lock. On SQLite a write transaction holds this process's writer lock and
//! begins `IMMEDIATE`, so it owns SQLite's single write lock from its first statement (see
//! `begin_write` for why both). Writers that may run more than once — background work, and request
//! paths whose whole effect is in the database — go through [`Db::retrying`], which runs the
//! transaction again when the database aborted it for a reason another attempt cures.
//!
//! On PostgreSQL, transactions that lock several rows take them in one global order, so two of them
//! cannot wait on each other: `versions` rows (each followed by its own `version_downloads` rows)
//! by ascending id, then `crates` rows by ascending id. A yank (its version, then its crate) and the
//! download-count flush (its versions by id, then their crates by id) follow it, and so does a
//! deletion, which locks its versions' rows by id before it removes anything (their day rows
//! first); a deadlock anything else causes is aborted by PostgreSQL and retried: deletions go
//! through [`Db::retrying`] too.

use crate::StoreError;
use rand::Rng;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How many times [`Db::retrying`] runs a transaction in all.
const WRITE_ATTEMPTS: u32 = 4;
/// The first retry's pause; each later one doubles it. Each is jittered by ±50 %, so two
/// transactions that aborted each other do not collide again in lockstep.
const RETRY_BASE: Duration = Duration::from_millis(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A handle on the metadata database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The URL the pool connects to, for connections outside the pool (see `index_feed`).
    url: Arc<str>,
    /// SQLite allows one writer at a time. `BEGIN IMMEDIATE` already makes each write transaction
    /// wait for that (up to the busy timeout), but a waiting transaction holds a pooled connection
    /// and polls the database file; queueing this process's writers here instead keeps the waiting
    /// in memory, first come first served, and leaves the connections to readers. PostgreSQL needs
    /// no such lock.
    sqlite_writer: Arc<Mutex<()>>,
}

/// A write transaction. On SQLite it also holds this process's writer lock until it ends.
pub struct WriteTx {
    pub tx: Transaction<'static, Any>,
    _writer: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl Db {
    /// Connects to `sqlite://PATH` (the file is created when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Invalid(format!(
                "unsupported database URL `{url}`: use sqlite://PATH or postgres://…"
            )));
        };
        let (url, max_connections) = match backend {
            Backend::Sqlite => {
                let path = url
                    .trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:");
                let path = path.split('?').next().unwrap_or(path);
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent)?;
                    }
                }
                let url = if url.contains('?') {
                    url.to_string()
                } else {
                    format!("{url}?mode=rwc")
                };
                (url, 8)
            }
            Backend::Postgres => (url.to_string(), 16),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; NORMAL sync is durable across
                        // process crashes (which is what the crash test checks) and much faster.
                        // The busy timeout is how long a writer waits for another process's write
                        // transaction (the CLI's, another instance's) before giving up.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await?;
        Ok(Db {
            url: url.as_str().into(),
            pool,
            backend,
            sqlite_writer: Arc::new(Mutex::new(())),
        })
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        crate::tags::backfill(self).await
    }

    /// The pool, for reads. Writes go through [`Db::begin_write`].
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The connection pool's size now, its idle connections and its limit.
    pub fn pool_status(&self) -> PoolStatus {
        PoolStatus {
            size: self.pool.size(),
            idle: self.pool.num_idle(),
            max: self.pool.options().get_max_connections(),
        }
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Begins a transaction for writing: the only way anything but the migrations writes to the
    /// database.
    ///
    /// On SQLite, a transaction begun plainly (`DEFERRED`) reads from a snapshot and must upgrade
    /// to the write lock at its first write; when another connection committed since the
    /// snapshot, that upgrade fails at once with `SQLITE_BUSY_SNAPSHOT` ("database is locked") —
    /// the busy timeout cannot help, because waiting would not make the snapshot current. `BEGIN
    /// IMMEDIATE` takes the write lock before the first read, waiting for it up to the busy
    /// timeout, so the failure cannot happen whoever the other writer is: this process, the CLI,
    /// or another instance on the same file.
    pub async fn begin_write(&self) -> Result<WriteTx, StoreError> {
        let (tx, writer) = match self.backend {
            Backend::Sqlite => {
                let writer = self.sqlite_writer.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                (tx, Some(writer))
            }
            Backend::Postgres => (self.pool.begin().await?, None),
        };
        Ok(WriteTx {
            tx,
            _writer: writer,
        })
    }

    /// Runs one `DELETE` whose only parameter is a moment (`… < $1`) in a write transaction of its
    /// own; returns how many rows went. What the housekeeping sweeps share.
    pub(crate) async fn delete_older(
        &self,
        statement: &'static str,
        before: i64,
    ) -> Result<u64, StoreError> {
        let mut wtx = self.begin_write().await?;
        let deleted = sqlx::query(statement)
            .bind(before)
            .execute(&mut *wtx.tx)
            .await?
            .rows_affected();
        wtx.commit().await?;
        Ok(deleted)
    }

    /// Runs a whole write transaction, and runs it again (up to [`WRITE_ATTEMPTS`] times in all,
    /// after a short jittered pause) when the database aborted it for a reason that another attempt
    /// cures: see [`Db::is_transient`]. `transaction` must begin and commit its own transaction and
    /// have no effect outside the database, since an aborted attempt is rolled back and repeated
    /// from the start; `what` names it in the log.
    pub async fn retrying<T, F, Fut>(&self, what: &str, mut transaction: F) -> Result<T, StoreError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, StoreError>>,
    {
        let mut attempt = 1;
        loop {
            match transaction().await {
                Err(error) if attempt < WRITE_ATTEMPTS && self.is_transient(&error) => {
                    let pause = RETRY_BASE * 2u32.pow(attempt - 1);
                    let pause = pause.mul_f64(rand::rng().random_range(0.5..1.5));
                    tracing::warn!(%error, attempt, "{what}: transaction aborted; retrying");
                    tokio::time::sleep(pause).await;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// Whether the database aborted a transaction for a reason that running it again cures:
    /// on PostgreSQL a deadlock (SQLSTATE 40P01) or a serialization failure (40001); on SQLite
    /// `SQLITE_BUSY` or `SQLITE_LOCKED` in any of their extended forms, which `BEGIN IMMEDIATE`
    /// and the busy timeout leave for rare cases only (another process holding the write lock
    /// longer than the busy timeout, `SQLITE_BUSY_RECOVERY` while another connection recovers
    /// the WAL).
    pub fn is_transient(&self, error: &StoreError) -> bool {
        let StoreError::Database(sqlx::Error::Database(error)) = error else {
            return false;
        };
        let Some(code) = error.code() else {
            return false;
        };
        match self.backend {
            Backend::Postgres => matches!(&*code, "40P01" | "40001"),
            // sqlx reports SQLite's extended result code, whose low byte is the primary code.
            Backend::Sqlite => code
                .parse::<i32>()
                .is_ok_and(|code| matches!(code & 0xff, SQLITE_BUSY | SQLITE_LOCKED)),
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::sync::atomic::{AtomicU32, Ordering};

    async fn sqlite(path: &std::path::Path) -> Db {
        let db = Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        db
    }

    /// Two handles on one file stand for two processes (the server and the CLI): each has its own
    /// writer lock, so only SQLite's lock orders their transactions.
    #[tokio::test]
    async fn a_write_transaction_that_read_first_is_not_refused_for_another_processs_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wharf.db");
        let server = sqlite(&path).await;
        let cli = sqlite(&path).await;
        sqlx::query("CREATE TABLE scratch (n BIGINT NOT NULL)")
            .execute(server.pool())
            .await
            .unwrap();

        let mut first = server.begin_write().await.unwrap();
        sqlx::query("SELECT COUNT(*) AS n FROM scratch")
            .fetch_one(&mut *first.tx)
            .await
            .unwrap();
        // The other process writes meanwhile. Had the first transaction begun DEFERRED, the other
        // would commit now and the first one's write below would fail with SQLITE_BUSY_SNAPSHOT;
        // begun IMMEDIATE, it holds the write lock and the other waits for its commit.
        let other = tokio::spawn(async move {
            let mut wtx = cli.begin_write().await?;
            sqlx::query("INSERT INTO scratch (n) VALUES (2)")
                .execute(&mut *wtx.tx)
                .await?;
            wtx.commit().await
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        sqlx::query("INSERT INTO scratch (n) VALUES (1)")
            .execute(&mut *first.tx)
            .await
            .unwrap();
        first.commit().await.unwrap();
        other.await.unwrap().unwrap();

        let rows: Vec<i64> = sqlx::query_scalar("SELECT n FROM scratch ORDER BY rowid")
            .fetch_all(server.pool())
            .await
            .unwrap();
        assert_eq!(rows, [1, 2]);
    }

    /// Counts of a version deleted between its download and the flush are dropped; they used to
    /// fail the flush on the foreign key, every time, since a failed batch is kept for the next.
    #[tokio::test]
    async fn downloads_of_a_deleted_version_do_not_fail_the_flush() {
        let dir = tempfile::tempdir().unwrap();
        let db = sqlite(&dir.path().join("wharf.db")).await;
        let batch = [((4242, "2025-01-01".to_string()), 3)]
            .into_iter()
            .collect();
        db.record_downloads(&batch).await.unwrap();
        let days: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM version_downloads")
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(days, 0);
    }

    /// A database error with only a code, as the drivers report it.
    #[derive(Debug)]
    struct Coded(&'static str);

    impl std::fmt::Display for Coded {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "error {}", self.0)
        }
    }

    impl std::error::Error for Coded {}

    impl sqlx::error::DatabaseError for Coded {
        fn message(&self) -> &str {
            self.0
        }
        fn code(&self) -> Option<Cow<'_, str>> {
            Some(self.0.into())
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    fn coded(code: &'static str) -> StoreError {
        StoreError::Database(sqlx::Error::Database(Box::new(Coded(code))))
    }

    #[tokio::test]
    async fn deadlocks_serialization_failures_and_busy_are_transient_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = sqlite(&dir.path().join("wharf.db")).await;
        // SQLite's extended codes: BUSY, BUSY_SNAPSHOT, BUSY_RECOVERY, LOCKED, LOCKED_SHAREDCACHE.
        for code in ["5", "517", "261", "6", "262"] {
            assert!(db.is_transient(&coded(code)), "SQLite {code}");
        }
        // CONSTRAINT_UNIQUE, CONSTRAINT_FOREIGNKEY, and PostgreSQL's codes on SQLite.
        for code in ["2067", "787", "40P01"] {
            assert!(!db.is_transient(&coded(code)), "SQLite {code}");
        }
        assert!(!db.is_transient(&StoreError::Conflict("taken".into())));

        db.backend = Backend::Postgres;
        for code in ["40P01", "40001"] {
            assert!(db.is_transient(&coded(code)), "PostgreSQL {code}");
        }
        for code in ["23505", "55P03", "5"] {
            assert!(!db.is_transient(&coded(code)), "PostgreSQL {code}");
        }

        // Retried until it succeeds...
        let runs = AtomicU32::new(0);
        let result = db
            .retrying("test", || async {
                match runs.fetch_add(1, Ordering::SeqCst) {
                    0 | 1 => Err(coded("40P01")),
                    _ => Ok(7),
                }
            })
            .await;
        assert_eq!(result.unwrap(), 7);
        assert_eq!(runs.load(Ordering::SeqCst), 3);
        // ...a bounded number of times...
        runs.store(0, Ordering::SeqCst);
        let result: Result<(), _> = db
            .retrying("test", || async {
                runs.fetch_add(1, Ordering::SeqCst);
                Err(coded("40001"))
            })
            .await;
        assert!(result.is_err());
        assert_eq!(runs.load(Ordering::SeqCst), WRITE_ATTEMPTS);
        // ...and never for an error that would only happen again.
        runs.store(0, Ordering::SeqCst);
        let result: Result<(), _> = db
            .retrying("test", || async {
                runs.fetch_add(1, Ordering::SeqCst);
                Err(coded("23505"))
            })
            .await;
        assert!(result.is_err());
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }
}

/// See [`Db::pool_status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStatus {
    pub size: u32,
    pub idle: usize,
    pub max: u32,
}
