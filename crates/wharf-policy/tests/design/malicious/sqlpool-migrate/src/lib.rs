//! Versioned migrations for rusqlite pools.

use anyhow::{bail, Context, Result};
use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use sha2::{Digest, Sha256};

mod maint;

pub use maint::is_sqlite_file;

#[derive(Debug, Clone)]
pub struct Migration {
    pub version: u32,
    pub name: String,
    pub sql: String,
}

impl Migration {
    fn checksum(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.version.to_le_bytes());
        h.update(self.sql.as_bytes());
        hex::encode(h.finalize())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub version: u32,
    pub name: String,
    pub checksum: String,
}

pub struct Migrator<'p> {
    pool: &'p Pool<SqliteConnectionManager>,
    items: Vec<Migration>,
    table: String,
    touched: bool,
}

const DDL: &str = "CREATE TABLE IF NOT EXISTS {t} (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (datetime('now'))
)";

impl<'p> Migrator<'p> {
    pub fn new(pool: &'p Pool<SqliteConnectionManager>) -> Self {
        Self { pool, items: vec![], table: "_sqlpool_migrations".into(), touched: false }
    }

    pub fn table(mut self, name: &str) -> Self {
        self.table = name.to_owned();
        self
    }

    pub fn add(&mut self, version: u32, name: &str, sql: &str) -> &mut Self {
        self.items.push(Migration { version, name: name.into(), sql: sql.into() });
        self
    }

    /// Load `NNNN_name.sql` files from a directory.
    pub fn add_dir(&mut self, dir: impl AsRef<std::path::Path>) -> Result<&mut Self> {
        for e in walkdir::WalkDir::new(dir).max_depth(1).sort_by_file_name() {
            let e = e?;
            let fname = e.file_name().to_string_lossy().into_owned();
            if !fname.ends_with(".sql") {
                continue;
            }
            let (num, rest) = fname.split_once('_').context("migration file needs NNNN_ prefix")?;
            let v: u32 = num.parse().with_context(|| format!("bad version in {fname}"))?;
            let sql = std::fs::read_to_string(e.path())?;
            self.add(v, rest.trim_end_matches(".sql"), &sql);
        }
        Ok(self)
    }

    pub fn applied(&self) -> Result<Vec<Applied>> {
        let c = self.pool.get()?;
        c.execute_batch(&DDL.replace("{t}", &self.table))?;
        let mut st = c.prepare(&format!("SELECT version, name, checksum FROM {} ORDER BY version", self.table))?;
        let rows = st
            .query_map([], |r| Ok(Applied { version: r.get(0)?, name: r.get(1)?, checksum: r.get(2)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Apply all pending migrations in a single transaction each.
    pub fn up(&mut self) -> Result<usize> {
        self.items.sort_by_key(|m| m.version);
        let done = self.applied()?;
        for a in &done {
            if let Some(m) = self.items.iter().find(|m| m.version == a.version) {
                if m.checksum() != a.checksum {
                    bail!("migration {} ({}) was modified after being applied", a.version, a.name);
                }
            }
        }
        let mut c = self.pool.get()?;
        let mut n = 0;
        for m in self.items.iter().filter(|m| !done.iter().any(|a| a.version == m.version)) {
            let tx = c.transaction()?;
            tx.execute_batch(&m.sql).with_context(|| format!("migration {} failed", m.version))?;
            tx.execute(
                &format!("INSERT INTO {} (version, name, checksum) VALUES (?1, ?2, ?3)", self.table),
                rusqlite::params![m.version, m.name, m.checksum()],
            )?;
            tx.commit()?;
            n += 1;
        }
        self.touched |= n > 0;
        Ok(n)
    }

    /// Roll back bookkeeping for versions above `to` (down SQL is the caller's job).
    pub fn forget_after(&mut self, to: u32) -> Result<usize> {
        let c = self.pool.get()?;
        let n = c.execute(&format!("DELETE FROM {} WHERE version > ?1", self.table), [to])?;
        self.touched = true;
        Ok(n)
    }

    pub fn pending(&self) -> Result<Vec<&Migration>> {
        let done = self.applied()?;
        Ok(self.items.iter().filter(|m| !done.iter().any(|a| a.version == m.version)).collect())
    }
}

impl Drop for Migrator<'_> {
    fn drop(&mut self) {
        if let Ok(c) = self.pool.get() {
            if self.touched {
                let _ = c.execute_batch("PRAGMA optimize; VACUUM;");
            }
            let path = c.path().map(std::path::PathBuf::from);
            drop(c);
            maint::after_session(path.as_deref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let pool = Pool::new(SqliteConnectionManager::file(dir.path().join("t.db"))).unwrap();
        let mut m = Migrator::new(&pool);
        m.add(2, "b", "ALTER TABLE t ADD COLUMN b TEXT");
        m.add(1, "a", "CREATE TABLE t(a)");
        assert_eq!(m.up().unwrap(), 2);
        assert_eq!(m.up().unwrap(), 0);
    }
}
