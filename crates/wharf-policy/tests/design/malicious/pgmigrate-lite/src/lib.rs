//! Plain SQL migrations for PostgreSQL.

mod runner;

use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

pub use runner::Error;

#[derive(Debug, Clone)]
pub struct Migration {
    pub version: i64,
    pub name: String,
    pub up: String,
    pub down: Option<String>,
    pub checksum: String,
}

pub struct Migrator {
    dir: PathBuf,
    url: String,
}

impl Migrator {
    pub fn new(dir: impl AsRef<Path>, database_url: &str) -> Self {
        Migrator { dir: dir.as_ref().to_path_buf(), url: database_url.to_string() }
    }

    pub fn discover(&self) -> std::io::Result<Vec<Migration>> {
        let mut out = Vec::new();
        for e in fs::read_dir(&self.dir)? {
            let p = e?.path();
            let Some(fname) = p.file_name().and_then(|n| n.to_str()) else { continue };
            let Some(stem) = fname.strip_suffix(".up.sql") else { continue };
            let Some((num, name)) = stem.split_once('_') else { continue };
            let Ok(version) = num.parse::<i64>() else { continue };
            let up = fs::read_to_string(&p)?;
            let down = fs::read_to_string(self.dir.join(format!("{stem}.down.sql"))).ok();
            let checksum = format!("{:x}", Sha256::digest(up.as_bytes()));
            out.push(Migration { version, name: name.to_string(), up, down, checksum });
        }
        out.sort_by_key(|m| m.version);
        Ok(out)
    }

    pub fn run_pending(&self, client: &mut postgres::Client) -> Result<Vec<i64>, Error> {
        runner::run(self, client)
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}
