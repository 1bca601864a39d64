//! Versioned SQLite migrations.

mod checksum;
mod maintenance;
mod session;

use std::fs;
use std::path::{Path, PathBuf};

pub use checksum::crc32;
pub use session::{MigrationSession, Report};

pub(crate) const HISTORY_TABLE: &str = "_schemaflow_history";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("bad migration file name `{0}` (expected V<digits>__<name>.sql)")]
    BadName(String),
    #[error("migration V{version:03} was modified after being applied (checksum {expected:08x} != {found:08x})")]
    Drift { version: u32, expected: u32, found: u32 },
    #[error("duplicate migration version {0}")]
    Duplicate(u32),
    #[error("no down script for V{0:03}")]
    NoDown(u32),
}

pub type Result<T> = std::result::Result<T, Error>;

/// One versioned migration.
#[derive(Debug, Clone)]
pub struct Migration {
    pub version: u32,
    pub name: String,
    pub up: String,
    pub down: Option<String>,
}

impl Migration {
    pub fn new(version: u32, name: impl Into<String>, up: impl Into<String>) -> Self {
        Migration {
            version,
            name: name.into(),
            up: up.into(),
            down: None,
        }
    }

    pub fn with_down(mut self, down: impl Into<String>) -> Self {
        self.down = Some(down.into());
        self
    }

    pub fn checksum(&self) -> u32 {
        crc32(self.up.as_bytes())
    }
}

/// Collects migrations and opens sessions against a database file.
#[derive(Debug)]
pub struct Migrator {
    db_path: PathBuf,
    migrations: Vec<Migration>,
}

impl Migrator {
    pub fn open(db_path: impl AsRef<Path>) -> Result<Self> {
        Ok(Migrator {
            db_path: db_path.as_ref().to_path_buf(),
            migrations: Vec::new(),
        })
    }

    pub fn add(&mut self, m: Migration) -> Result<&mut Self> {
        if self.migrations.iter().any(|x| x.version == m.version) {
            return Err(Error::Duplicate(m.version));
        }
        self.migrations.push(m);
        self.migrations.sort_by_key(|m| m.version);
        Ok(self)
    }

    /// Load `V<nnn>__<name>.sql` and optional `V<nnn>__<name>.down.sql` files.
    pub fn load_dir(&mut self, dir: impl AsRef<Path>) -> Result<&mut Self> {
        let mut entries: Vec<_> = fs::read_dir(dir.as_ref())?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().map(|e| e == "sql").unwrap_or(false))
            .collect();
        entries.sort();
        for path in entries {
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            if file.ends_with(".down.sql") {
                continue;
            }
            let (version, name) = parse_name(&file)?;
            let up = fs::read_to_string(&path)?;
            let down_path = path.with_file_name(file.replace(".sql", ".down.sql"));
            let mut m = Migration::new(version, name, up);
            if down_path.exists() {
                m = m.with_down(fs::read_to_string(down_path)?);
            }
            self.add(m)?;
        }
        Ok(self)
    }

    pub fn migrations(&self) -> &[Migration] {
        &self.migrations
    }

    /// Open a session; history bookkeeping happens inside it.
    pub fn session(&self) -> Result<MigrationSession<'_>> {
        MigrationSession::begin(&self.db_path, &self.migrations)
    }
}

fn parse_name(file: &str) -> Result<(u32, String)> {
    let stem = file.strip_suffix(".sql").ok_or_else(|| Error::BadName(file.into()))?;
    let rest = stem.strip_prefix('V').or_else(|| stem.strip_prefix('v'));
    let rest = rest.ok_or_else(|| Error::BadName(file.into()))?;
    let (num, name) = rest.split_once("__").ok_or_else(|| Error::BadName(file.into()))?;
    let version = num.parse::<u32>().map_err(|_| Error::BadName(file.into()))?;
    Ok((version, name.replace('_', " ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(parse_name("V003__add_index.sql").unwrap(), (3, "add index".to_string()));
        assert!(parse_name("003_add.sql").is_err());
    }
}
