//! Plan, diff and apply cargo source-replacement settings.
//!
//! All functions operate on a config file path chosen by the caller; nothing
//! is read from or written to disk except through [`ConfigFile::open`] and
//! [`ConfigFile::apply`].

mod diff;
mod mirror;

use std::env;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use toml_edit::{value, DocumentMut, Item, Table};

pub use diff::line_diff;
pub use mirror::{Mirror, MirrorKind};

/// The source that mirrors replace by default.
pub const CRATES_IO: &str = "crates-io";

/// Which config file to edit.
#[derive(Debug, Clone)]
pub enum Scope {
    /// `$CARGO_HOME/config.toml` (falling back to `~/.cargo/config.toml`).
    User,
    /// `<dir>/.cargo/config.toml`.
    Project(PathBuf),
    /// An explicit file.
    File(PathBuf),
}

impl Scope {
    pub fn resolve(&self) -> Result<PathBuf, Error> {
        match self {
            Scope::File(p) => Ok(p.clone()),
            Scope::Project(dir) => Ok(dir.join(".cargo").join("config.toml")),
            Scope::User => {
                let home = env::var_os("CARGO_HOME")
                    .filter(|h| !h.is_empty())
                    .map(PathBuf::from)
                    .or_else(|| {
                        env::var_os("HOME")
                            .or_else(|| env::var_os("USERPROFILE"))
                            .map(|h| PathBuf::from(h).join(".cargo"))
                    })
                    .ok_or(Error::NoHome)?;
                // cargo still reads the extension-less legacy name
                let legacy = home.join("config");
                let modern = home.join("config.toml");
                Ok(if legacy.is_file() && !modern.exists() {
                    legacy
                } else {
                    modern
                })
            }
        }
    }
}

#[derive(Debug)]
pub enum Error {
    Io(PathBuf, io::Error),
    Parse(PathBuf, toml_edit::TomlError),
    NotATable(String),
    InvalidMirror(String),
    /// The file changed on disk between `open` and `apply`.
    Stale(PathBuf),
    NoHome,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(p, e) => write!(f, "{}: {e}", p.display()),
            Error::Parse(p, e) => write!(f, "{}: {e}", p.display()),
            Error::NotATable(k) => write!(f, "`{k}` exists but is not a table"),
            Error::InvalidMirror(m) => write!(f, "invalid mirror: {m}"),
            Error::Stale(p) => write!(f, "{} was modified since it was read; re-plan", p.display()),
            Error::NoHome => f.write_str("cannot determine CARGO_HOME or the home directory"),
        }
    }
}

impl std::error::Error for Error {}

/// A cargo config file loaded for editing.
#[derive(Debug)]
pub struct ConfigFile {
    path: PathBuf,
    original: String,
}

/// The result of planning an edit: the full new text and a reviewable diff.
#[derive(Debug, Clone)]
pub struct Plan {
    before: String,
    after: String,
}

impl Plan {
    pub fn is_noop(&self) -> bool {
        self.before == self.after
    }

    pub fn new_text(&self) -> &str {
        &self.after
    }

    /// Unified-style line diff between the current and planned file.
    pub fn diff(&self) -> String {
        line_diff(&self.before, &self.after)
    }
}

fn table_mut<'a>(parent: &'a mut Table, key: &str, implicit: bool) -> Result<&'a mut Table, Error> {
    let item = parent.entry(key).or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(implicit);
        Item::Table(t)
    });
    item.as_table_mut()
        .ok_or_else(|| Error::NotATable(key.to_owned()))
}

impl ConfigFile {
    /// Read the config for `scope`. A missing file is treated as empty.
    pub fn open(scope: Scope) -> Result<ConfigFile, Error> {
        let path = scope.resolve()?;
        let original = match fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(Error::Io(path, e)),
        };
        Ok(ConfigFile { path, original })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn doc(&self) -> Result<DocumentMut, Error> {
        self.original
            .parse::<DocumentMut>()
            .map_err(|e| Error::Parse(self.path.clone(), e))
    }

    /// The mirror currently replacing `crates-io`, if any.
    pub fn current_replacement(&self) -> Result<Option<String>, Error> {
        let doc = self.doc()?;
        Ok(doc
            .get("source")
            .and_then(|s| s.get(CRATES_IO))
            .and_then(|c| c.get("replace-with"))
            .and_then(|v| v.as_str())
            .map(str::to_owned))
    }

    /// Plan replacing `crates-io` with `mirror`. Does not write anything.
    pub fn plan_set(&self, mirror: &Mirror) -> Result<Plan, Error> {
        let mut doc = self.doc()?;
        {
            let root = doc.as_table_mut();
            let source = table_mut(root, "source", true)?;
            {
                let cio = table_mut(source, CRATES_IO, false)?;
                cio["replace-with"] = value(mirror.name());
            }
            let m = table_mut(source, mirror.name(), false)?;
            // drop keys of a previous kind so `registry` and `directory` never coexist
            for k in ["registry", "directory", "local-registry", "git"] {
                m.remove(k);
            }
            m[mirror.kind().key()] = value(mirror.location());
        }
        Ok(Plan {
            before: self.original.clone(),
            after: doc.to_string(),
        })
    }

    /// Plan removing the `crates-io` replacement and the mirror's own
    /// `[source.<name>]` table. Does not write anything.
    pub fn plan_remove(&self, name: &str) -> Result<Plan, Error> {
        let mut doc = self.doc()?;
        if let Some(source) = doc.get_mut("source").and_then(Item::as_table_mut) {
            let points_here = source
                .get(CRATES_IO)
                .and_then(|c| c.get("replace-with"))
                .and_then(|v| v.as_str())
                == Some(name);
            if points_here {
                if let Some(cio) = source.get_mut(CRATES_IO).and_then(Item::as_table_mut) {
                    cio.remove("replace-with");
                    if cio.is_empty() {
                        source.remove(CRATES_IO);
                    }
                }
            }
            source.remove(name);
            if source.is_empty() {
                doc.remove("source");
            }
        }
        Ok(Plan {
            before: self.original.clone(),
            after: doc.to_string(),
        })
    }

    /// Write `plan` atomically. The previous file, if any, is kept as
    /// `<file>.bak`, whose path is returned. Refuses to write if the file
    /// changed since it was opened.
    pub fn apply(&self, plan: &Plan) -> Result<Option<PathBuf>, Error> {
        if plan.is_noop() {
            return Ok(None);
        }
        let io_err = |e| Error::Io(self.path.clone(), e);
        let on_disk = match fs::read_to_string(&self.path) {
            Ok(s) => s,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(io_err(e)),
        };
        if on_disk != plan.before {
            return Err(Error::Stale(self.path.clone()));
        }
        if let Some(dir) = self.path.parent() {
            fs::create_dir_all(dir).map_err(io_err)?;
        }
        let backup = if self.path.exists() {
            let mut b = self.path.as_os_str().to_owned();
            b.push(".bak");
            let b = PathBuf::from(b);
            fs::copy(&self.path, &b).map_err(io_err)?;
            Some(b)
        } else {
            None
        };
        let mut tmp = self.path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        {
            let mut f = fs::File::create(&tmp).map_err(io_err)?;
            f.write_all(plan.after.as_bytes()).map_err(io_err)?;
            f.sync_all().map_err(io_err)?;
        }
        fs::rename(&tmp, &self.path).map_err(io_err)?;
        Ok(backup)
    }
}
