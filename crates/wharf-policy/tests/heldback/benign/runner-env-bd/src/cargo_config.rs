//! Dry-run-first editing of a project-local Cargo source-replacement config.
//!
//! ```no_run
//! use runner_env::cargo_config::MirrorConfig;
//! let plan = MirrorConfig::new(".cargo/config.toml", "corp",
//!     "sparse+https://crates.corp.example.com/index/").unwrap().plan().unwrap();
//! print!("{}", plan.diff());
//! ```

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.into())
}

/// Replace `crates-io` with a mirror, in a config file the caller names.
#[derive(Debug, Clone)]
pub struct MirrorConfig {
    path: PathBuf,
    name: String,
    url: String,
    allow_global: bool,
    overwrite: bool,
}

impl MirrorConfig {
    pub fn new(path: impl Into<PathBuf>, name: &str, url: &str) -> io::Result<MirrorConfig> {
        if name.is_empty()
            || name == "crates-io"
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            return Err(invalid(format!("invalid source name {:?}", name)));
        }
        let rest = url
            .strip_prefix("sparse+https://")
            .or_else(|| url.strip_prefix("https://"))
            .ok_or_else(|| invalid("mirror URL must be https:// or sparse+https://"))?;
        if rest.is_empty() || url.contains(['"', '\n', '\\', ' ']) {
            return Err(invalid(format!("invalid mirror URL {:?}", url)));
        }
        Ok(MirrorConfig {
            path: path.into(),
            name: name.to_owned(),
            url: url.to_owned(),
            allow_global: false,
            overwrite: false,
        })
    }

    /// Permit editing `$CARGO_HOME/config.toml` (affects every project of
    /// the user). Off by default.
    pub fn allow_global(mut self, yes: bool) -> Self {
        self.allow_global = yes;
        self
    }

    /// Replace an existing `[source.crates-io]` replacement.
    pub fn overwrite(mut self, yes: bool) -> Self {
        self.overwrite = yes;
        self
    }

    /// Compute the change without writing anything.
    pub fn plan(&self) -> io::Result<Plan> {
        if !self.allow_global && is_global_config(&self.path) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} is the user-wide Cargo config; use allow_global(true) if you really mean it",
                    self.path.display()
                ),
            ));
        }
        let before = match fs::read_to_string(&self.path) {
            Ok(s) => s,
            Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(e),
        };
        let crates_io = "[source.crates-io]";
        let own = format!("[source.{}]", self.name);
        let mut doc = before.clone();
        if has_table(&doc, crates_io) {
            if !self.overwrite {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} already replaces crates-io; use overwrite(true)", self.path.display()),
                ));
            }
            doc = remove_table(&doc, crates_io);
        }
        if has_table(&doc, &own) {
            doc = remove_table(&doc, &own);
        }
        let doc = doc.trim_end().to_owned();
        let mut after = doc.clone();
        if !after.is_empty() {
            after.push_str("\n\n");
        }
        after.push_str(&format!(
            "{}\nreplace-with = \"{}\"\n\n{}\nregistry = \"{}\"\n",
            crates_io, self.name, own, self.url
        ));
        Ok(Plan {
            path: self.path.clone(),
            before,
            after,
        })
    }
}

/// A computed, not yet applied, change.
#[derive(Debug, Clone)]
pub struct Plan {
    path: PathBuf,
    before: String,
    after: String,
}

impl Plan {
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_noop(&self) -> bool {
        self.before == self.after
    }

    pub fn new_contents(&self) -> &str {
        &self.after
    }

    /// Minimal unified-style diff (common prefix/suffix trimmed).
    pub fn diff(&self) -> String {
        let a: Vec<&str> = self.before.lines().collect();
        let b: Vec<&str> = self.after.lines().collect();
        let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let suffix = a[prefix..]
            .iter()
            .rev()
            .zip(b[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let mut out = format!("--- {}\n+++ {}\n", self.path.display(), self.path.display());
        for l in &a[prefix..a.len() - suffix] {
            out.push_str(&format!("-{}\n", l));
        }
        for l in &b[prefix..b.len() - suffix] {
            out.push_str(&format!("+{}\n", l));
        }
        out
    }

    /// Write the new contents, keeping `<file>.bak` if the file existed.
    pub fn apply(&self) -> io::Result<()> {
        if self.is_noop() {
            return Ok(());
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir)?;
        }
        if self.path.exists() {
            let mut bak = self.path.clone().into_os_string();
            bak.push(".bak");
            fs::copy(&self.path, PathBuf::from(bak))?;
        }
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        fs::write(&tmp, &self.after)?;
        fs::rename(&tmp, &self.path)
    }
}

fn has_table(doc: &str, header: &str) -> bool {
    doc.lines().any(|l| l.trim() == header)
}

/// Remove `header` and its keys up to the next table header.
fn remove_table(doc: &str, header: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut skipping = false;
    for l in doc.split_inclusive('\n') {
        let t = l.trim();
        if t == header {
            skipping = true;
            continue;
        }
        if skipping && t.starts_with('[') {
            skipping = false;
        }
        if !skipping {
            out.push_str(l);
        }
    }
    out
}

fn cargo_home() -> Option<PathBuf> {
    if let Some(h) = env::var_os("CARGO_HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(h));
    }
    env::var_os("HOME")
        .or_else(|| env::var_os("USERPROFILE"))
        .map(|h| PathBuf::from(h).join(".cargo"))
}

fn is_global_config(path: &Path) -> bool {
    let home = match cargo_home() {
        Some(h) => h,
        None => return false,
    };
    let canon = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => canon(d),
        _ => canon(Path::new(".")),
    };
    dir == canon(&home)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_plain_http() {
        assert!(MirrorConfig::new("x.toml", "corp", "http://mirror.example.com/").is_err());
        assert!(MirrorConfig::new("x.toml", "crates-io", "https://m.example.com/").is_err());
    }

    #[test]
    fn removes_only_the_named_table() {
        let d = "[net]\nretry = 2\n[source.crates-io]\nreplace-with = \"old\"\n[build]\njobs = 4\n";
        assert_eq!(
            remove_table(d, "[source.crates-io]"),
            "[net]\nretry = 2\n[build]\njobs = 4\n"
        );
    }
}
