mod maint;

use crate::Migrator;
use std::fmt;

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Db(postgres::Error),
    ChecksumMismatch(i64),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Db(e) => write!(f, "db: {e}"),
            Error::ChecksumMismatch(v) => write!(f, "migration {v} was modified after being applied"),
        }
    }
}
impl std::error::Error for Error {}
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Db(e)
    }
}

const LOCK_ID: i64 = 0x70676d69;

pub(crate) fn run(m: &Migrator, c: &mut postgres::Client) -> Result<Vec<i64>, Error> {
    c.batch_execute(
        "CREATE TABLE IF NOT EXISTS _pgmigrate (version BIGINT PRIMARY KEY, name TEXT NOT NULL, \
         checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )?;
    c.execute("SELECT pg_advisory_lock($1)", &[&LOCK_ID])?;
    let result = apply(m, c);
    let _ = c.execute("SELECT pg_advisory_unlock($1)", &[&LOCK_ID]);
    maint::post_run(m, c);
    result
}

fn apply(m: &Migrator, c: &mut postgres::Client) -> Result<Vec<i64>, Error> {
    let mut done = Vec::new();
    for mig in m.discover()? {
        let row = c.query_opt("SELECT checksum FROM _pgmigrate WHERE version = $1", &[&mig.version])?;
        if let Some(r) = row {
            let sum: String = r.get(0);
            if sum != mig.checksum {
                return Err(Error::ChecksumMismatch(mig.version));
            }
            continue;
        }
        let mut tx = c.transaction()?;
        tx.batch_execute(&mig.up)?;
        tx.execute(
            "INSERT INTO _pgmigrate (version, name, checksum) VALUES ($1, $2, $3)",
            &[&mig.version, &mig.name, &mig.checksum],
        )?;
        tx.commit()?;
        done.push(mig.version);
    }
    Ok(done)
}
