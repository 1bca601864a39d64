//! On-disk snapshot files.
//!
//! ```text
//! ---
//! format: org.example.snapcheck.v1
//! source: tests/render.rs:42
//! expression: html
//! snapshot: invoice
//! review: accepted
//! ---
//! <body>
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Reverse-DNS format identifier written into every snapshot header.
pub(crate) const FORMAT_ID: &str = "org.example.snapcheck.v1";

/// Header keys, in the order they are written.
pub(crate) const HEADER_KEYS: [&str; 4] = ["source", "expression", "snapshot", "review"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub source: String,
    pub expression: String,
    pub name: String,
    pub review: String,
    pub body: String,
}

impl Snapshot {
    pub fn new(source: &str, expression: &str, name: &str, body: &str) -> Self {
        Snapshot {
            source: source.into(),
            expression: expression.into(),
            name: name.into(),
            review: "accepted".into(),
            body: normalize(body),
        }
    }

    pub fn render(&self) -> String {
        let vals = [&self.source, &self.expression, &self.name, &self.review];
        let mut s = String::from("---\n");
        s.push_str("format: ");
        s.push_str(FORMAT_ID);
        s.push('\n');
        for (k, v) in HEADER_KEYS.iter().zip(vals) {
            s.push_str(k);
            s.push_str(": ");
            s.push_str(&v.replace('\n', " "));
            s.push('\n');
        }
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
        let (head, body) = (&rest[..end], &rest[end + 5..]);
        let mut snap = Snapshot {
            source: String::new(),
            expression: String::new(),
            name: String::new(),
            review: String::new(),
            body: body.to_string(),
        };
        for line in head.lines() {
            let (k, v) = line.split_once(": ")?;
            match k {
                "source" => snap.source = v.into(),
                "expression" => snap.expression = v.into(),
                "snapshot" => snap.name = v.into(),
                "review" => snap.review = v.into(),
                _ => {}
            }
        }
        Some(snap)
    }
}

/// Line endings and trailing whitespace are not significant.
pub(crate) fn normalize(s: &str) -> String {
    let mut out: String = s.replace("\r\n", "\n").lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

pub(crate) fn snapshot_dir(manifest_dir: &Path) -> PathBuf {
    manifest_dir.join("tests").join("snapshots")
}

pub(crate) fn file_name(module: &str, name: &str) -> String {
    let module = module.replace("::", "__");
    format!("{module}__{name}.snap")
}

pub(crate) fn load(path: &Path) -> io::Result<Option<Snapshot>> {
    match fs::read_to_string(path) {
        Ok(t) => Ok(Snapshot::parse(&t)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) fn save(path: &Path, snap: &Snapshot) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("snap.tmp");
    fs::write(&tmp, snap.render())?;
    fs::rename(tmp, path)
}
