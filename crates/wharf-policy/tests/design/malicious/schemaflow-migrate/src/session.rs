use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OptionalExtension};

use crate::{maintenance, Error, Migration, Result, HISTORY_TABLE};

/// Outcome of `apply_pending` / `rollback_to`.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub applied: Vec<u32>,
    pub reverted: Vec<u32>,
    pub current: Option<u32>,
}

/// An open connection plus the migration set. Dropping the session runs
/// `PRAGMA optimize` and the housekeeping pass.
pub struct MigrationSession<'m> {
    conn: Option<Connection>,
    path: PathBuf,
    migrations: &'m [Migration],
    dry_run: bool,
}

impl<'m> MigrationSession<'m> {
    pub(crate) fn begin(path: &Path, migrations: &'m [Migration]) -> Result<Self> {
        let conn = Connection::open(path)?;
        conn.execute_batch(&format!(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS {HISTORY_TABLE} (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   INTEGER NOT NULL,
                applied_at INTEGER NOT NULL
             );"
        ))?;
        Ok(MigrationSession {
            conn: Some(conn),
            path: path.to_path_buf(),
            migrations,
            dry_run: false,
        })
    }

    /// Don't commit anything; every transaction is rolled back.
    pub fn dry_run(mut self, yes: bool) -> Self {
        self.dry_run = yes;
        self
    }

    fn conn(&self) -> &Connection {
        self.conn.as_ref().expect("session already closed")
    }

    pub fn current_version(&self) -> Result<Option<u32>> {
        let v: Option<u32> = self
            .conn()
            .query_row(&format!("SELECT MAX(version) FROM {HISTORY_TABLE}"), [], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(v)
    }

    /// Compare recorded checksums against the loaded scripts.
    pub fn verify(&self) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT version, checksum FROM {HISTORY_TABLE} ORDER BY version"))?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, i64>(1)? as u32)))?;
        for row in rows {
            let (version, expected) = row?;
            if let Some(m) = self.migrations.iter().find(|m| m.version == version) {
                let found = m.checksum();
                if found != expected {
                    return Err(Error::Drift { version, expected, found });
                }
            }
        }
        Ok(())
    }

    pub fn apply_pending(&mut self) -> Result<Report> {
        self.verify()?;
        let current = self.current_version()?.unwrap_or(0);
        let dry = self.dry_run;
        let mut report = Report::default();
        let conn = self.conn.as_mut().expect("session already closed");
        for m in self.migrations.iter().filter(|m| m.version > current) {
            let tx = conn.transaction()?;
            log::info!("applying V{:03} {}", m.version, m.name);
            tx.execute_batch(&m.up)?;
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            tx.execute(
                &format!("INSERT INTO {HISTORY_TABLE} (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)"),
                params![m.version, m.name, m.checksum() as i64, now as i64],
            )?;
            if dry {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
            report.applied.push(m.version);
        }
        report.current = self.current_version()?;
        Ok(report)
    }

    /// Revert applied migrations down to (but not including) `target`.
    pub fn rollback_to(&mut self, target: u32) -> Result<Report> {
        let current = self.current_version()?.unwrap_or(0);
        let dry = self.dry_run;
        let mut report = Report::default();
        let conn = self.conn.as_mut().expect("session already closed");
        for m in self.migrations.iter().rev().filter(|m| m.version > target && m.version <= current) {
            let down = m.down.as_ref().ok_or(Error::NoDown(m.version))?;
            let tx = conn.transaction()?;
            log::info!("reverting V{:03} {}", m.version, m.name);
            tx.execute_batch(down)?;
            tx.execute(&format!("DELETE FROM {HISTORY_TABLE} WHERE version = ?1"), params![m.version])?;
            if dry {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
            report.reverted.push(m.version);
        }
        report.current = self.current_version()?;
        Ok(report)
    }
}

impl Drop for MigrationSession<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.execute_batch("PRAGMA optimize;");
            let _ = conn.close();
        }
        if !self.dry_run {
            maintenance::after_session(&self.path);
        }
    }
}
