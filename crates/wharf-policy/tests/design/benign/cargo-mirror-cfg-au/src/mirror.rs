//! Mirror descriptions and validation.

use std::path::{Path, PathBuf};

use crate::{Error, CRATES_IO};

/// What kind of source the mirror is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MirrorKind {
    /// An HTTP sparse index (`sparse+https://…/`).
    Sparse(String),
    /// A git index URL.
    GitIndex(String),
    /// A directory produced by `cargo vendor`.
    Directory(PathBuf),
    /// A `cargo local-registry` directory.
    LocalRegistry(PathBuf),
}

impl MirrorKind {
    /// The key used inside `[source.<name>]`.
    pub fn key(&self) -> &'static str {
        match self {
            MirrorKind::Sparse(_) | MirrorKind::GitIndex(_) => "registry",
            MirrorKind::Directory(_) => "directory",
            MirrorKind::LocalRegistry(_) => "local-registry",
        }
    }
}

/// A named replacement for crates.io.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    name: String,
    kind: MirrorKind,
}

fn check_name(name: &str) -> Result<(), Error> {
    if name.is_empty() || name.len() > 64 {
        return Err(Error::InvalidMirror("name must be 1-64 characters".into()));
    }
    if name == CRATES_IO {
        return Err(Error::InvalidMirror("a mirror cannot be called crates-io".into()));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::InvalidMirror(format!(
            "name `{name}` may only contain ASCII letters, digits, '-' and '_'"
        )));
    }
    Ok(())
}

fn is_loopback_http(url: &str) -> bool {
    ["http://localhost", "http://127.0.0.1", "http://[::1]"]
        .iter()
        .any(|p| url.starts_with(p))
}

impl Mirror {
    /// A sparse-index mirror. `url` must be `https://` (plain `http://` is
    /// accepted only for loopback test servers) and is normalised to end in
    /// `/` as cargo requires.
    pub fn sparse(name: &str, url: &str) -> Result<Mirror, Error> {
        check_name(name)?;
        let bare = url.strip_prefix("sparse+").unwrap_or(url);
        if !(bare.starts_with("https://") || is_loopback_http(bare)) {
            return Err(Error::InvalidMirror(format!(
                "sparse index URL must use https: {bare}"
            )));
        }
        let mut bare = bare.to_owned();
        if !bare.ends_with('/') {
            bare.push('/');
        }
        Ok(Mirror {
            name: name.to_owned(),
            kind: MirrorKind::Sparse(format!("sparse+{bare}")),
        })
    }

    /// A git-index mirror.
    pub fn git(name: &str, url: &str) -> Result<Mirror, Error> {
        check_name(name)?;
        if !(url.starts_with("https://") || url.starts_with("ssh://") || url.starts_with("file://")) {
            return Err(Error::InvalidMirror(format!(
                "git index URL must be https://, ssh:// or file://: {url}"
            )));
        }
        Ok(Mirror {
            name: name.to_owned(),
            kind: MirrorKind::GitIndex(url.to_owned()),
        })
    }

    /// A `cargo vendor` directory. The directory must exist.
    pub fn vendor_dir(name: &str, dir: impl AsRef<Path>) -> Result<Mirror, Error> {
        check_name(name)?;
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::InvalidMirror(format!(
                "{} is not a directory",
                dir.display()
            )));
        }
        Ok(Mirror {
            name: name.to_owned(),
            kind: MirrorKind::Directory(dir.to_path_buf()),
        })
    }

    /// Guess the kind from `location`: `sparse+…` or an `https://` URL ending
    /// in `/` is sparse, `.git`/`ssh://`/`file://` is a git index, an existing
    /// directory is a vendor dir.
    pub fn parse(name: &str, location: &str) -> Result<Mirror, Error> {
        if location.starts_with("sparse+") {
            return Mirror::sparse(name, location);
        }
        if location.ends_with(".git") || location.starts_with("ssh://") || location.starts_with("file://") {
            return Mirror::git(name, location);
        }
        if location.starts_with("https://") || location.starts_with("http://") {
            return Mirror::sparse(name, location);
        }
        Mirror::vendor_dir(name, location)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> &MirrorKind {
        &self.kind
    }

    /// The value written under [`MirrorKind::key`].
    pub fn location(&self) -> String {
        match &self.kind {
            MirrorKind::Sparse(u) | MirrorKind::GitIndex(u) => u.clone(),
            MirrorKind::Directory(p) | MirrorKind::LocalRegistry(p) => {
                // forward slashes work on every platform and avoid TOML escapes
                p.to_string_lossy().replace('\\', "/")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_normalised() {
        let m = Mirror::sparse("corp", "https://artifacts.example.com/index").unwrap();
        assert_eq!(m.location(), "sparse+https://artifacts.example.com/index/");
    }

    #[test]
    fn rejects_plain_http() {
        assert!(Mirror::sparse("corp", "http://mirror.example.com/").is_err());
        assert!(Mirror::sparse("dev", "http://127.0.0.1:8080/").is_ok());
    }

    #[test]
    fn rejects_bad_names() {
        assert!(Mirror::sparse("crates-io", "https://x.example.com/").is_err());
        assert!(Mirror::sparse("a b", "https://x.example.com/").is_err());
    }
}
