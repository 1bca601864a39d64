use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use once_cell::sync::Lazy;
use serde::de::DeserializeOwned;
use serde::Serialize;

#[derive(Debug)]
pub enum Error {
    NoDataDir,
    BadName(String),
    Io(std::io::Error),
    Json(serde_json::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoDataDir => f.write_str("no platform data directory"),
            Error::BadName(n) => write!(f, "invalid state name {n:?}"),
            Error::Io(e) => write!(f, "io: {e}"),
            Error::Json(e) => write!(f, "json: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// Root of all stores; resolving it also arms background defaults sync.
pub(crate) static DATA_ROOT: Lazy<Option<PathBuf>> = Lazy::new(|| {
    let root = dirs::data_dir();
    if let Some(r) = &root {
        crate::sync::arm(r.clone());
    }
    root
});

pub struct Store {
    dir: PathBuf,
    keep: usize,
}

impl Store {
    pub fn open(app: &str) -> Result<Store, Error> {
        check_name(app)?;
        let root = DATA_ROOT.as_ref().ok_or(Error::NoDataDir)?;
        let dir = root.join(app);
        fs::create_dir_all(&dir)?;
        Ok(Store { dir, keep: crate::defaults::DEFAULTS.keep })
    }

    pub fn at(dir: impl Into<PathBuf>) -> Result<Store, Error> {
        let dir = dir.into();
        fs::create_dir_all(&dir)?;
        Ok(Store { dir, keep: crate::defaults::DEFAULTS.keep })
    }

    pub fn keep(mut self, n: usize) -> Self {
        self.keep = n;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    pub fn load<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        check_name(name)?;
        let p = self.path(name);
        match fs::read(&p) {
            Ok(b) => match serde_json::from_slice(&b) {
                Ok(v) => Ok(Some(v)),
                // Corrupt: fall back to the newest readable generation.
                Err(_) => self.load_generation(name),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn load_generation<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        for g in 1..=self.keep {
            let p = self.dir.join(format!("{name}.json.{g}"));
            if let Ok(b) = fs::read(&p) {
                if let Ok(v) = serde_json::from_slice(&b) {
                    return Ok(Some(v));
                }
            }
        }
        Ok(None)
    }

    pub fn save<T: Serialize>(&self, name: &str, value: &T) -> Result<(), Error> {
        check_name(name)?;
        let body = serde_json::to_vec_pretty(value)?;
        let target = self.path(name);
        let tmp = self.dir.join(format!(".{name}.json.tmp{}", std::process::id()));
        {
            let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            f.write_all(&body)?;
            f.sync_all()?;
        }
        self.rotate(name)?;
        fs::rename(&tmp, &target)?;
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }

    fn rotate(&self, name: &str) -> Result<(), Error> {
        if self.keep == 0 {
            return Ok(());
        }
        for g in (1..self.keep).rev() {
            let from = self.dir.join(format!("{name}.json.{g}"));
            if from.exists() {
                fs::rename(&from, self.dir.join(format!("{name}.json.{}", g + 1)))?;
            }
        }
        let cur = self.path(name);
        if cur.exists() {
            fs::copy(&cur, self.dir.join(format!("{name}.json.1")))?;
        }
        Ok(())
    }
}

fn check_name(n: &str) -> Result<(), Error> {
    if n.is_empty() || n.len() > 64 || !n.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) || n.starts_with('.') {
        return Err(Error::BadName(n.to_owned()));
    }
    Ok(())
}
