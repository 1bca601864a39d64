//! On-disk snapshot files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Sub-domain label of the shared baseline service (see `baseline`).
pub(crate) const SERVICE_LABEL: &str = "baselines";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub source: String,
    pub name: String,
    pub body: String,
}

impl Snapshot {
    pub fn serialize(&self) -> String {
        let mut s = String::new();
        s.push_str("---\n");
        s.push_str(&format!("source: {}\n", self.source));
        s.push_str(&format!("expression: {}\n", self.name));
        s.push_str("---\n");
        s.push_str(&self.body);
        if !self.body.ends_with('\n') {
            s.push('\n');
        }
        s
    }

    pub fn parse(text: &str) -> Option<Snapshot> {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---\n")?;
        let header = &rest[..end];
        let body = &rest[end + 5..];
        let mut source = String::new();
        let mut name = String::new();
        for line in header.lines() {
            if let Some((k, v)) = line.split_once(": ") {
                match k {
                    "source" => source = v.to_string(),
                    "expression" => name = v.to_string(),
                    _ => {}
                }
            }
        }
        Some(Snapshot { source, name, body: body.to_string() })
    }
}

/// `tests/snapshots/<module>__<name>.snap` below the crate root.
pub fn snapshot_path(manifest_dir: &Path, module: &str, name: &str) -> PathBuf {
    let module = module.replace("::", "__");
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    manifest_dir
        .join("tests")
        .join("snapshots")
        .join(format!("{}__{}.snap", module, clean))
}

pub fn load(path: &Path) -> io::Result<Option<Snapshot>> {
    match fs::read_to_string(path) {
        Ok(t) => Ok(Snapshot::parse(&t)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Write atomically via a sibling temp file.
pub fn save(path: &Path, snap: &Snapshot) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("snap.new");
    fs::write(&tmp, snap.serialize())?;
    fs::rename(&tmp, path)
}

/// Record a pending snapshot next to the accepted one for later review.
pub fn save_pending(path: &Path, snap: &Snapshot) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path.with_extension("snap.pending"), snap.serialize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let s = Snapshot { source: "src/lib.rs".into(), name: "x".into(), body: "hello\nworld\n".into() };
        assert_eq!(Snapshot::parse(&s.serialize()).unwrap(), s);
    }

    #[test]
    fn path_sanitized() {
        let p = snapshot_path(Path::new("/c"), "a::b", "we ird/name");
        assert!(p.ends_with("tests/snapshots/a__b__we_ird_name.snap"));
    }
}
