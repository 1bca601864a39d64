//! Find and budget TODO-style markers in a source tree.

mod parse;
mod report;
mod walk;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use parse::MarkerKind;
pub use report::Report;

/// One marker found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Path relative to the audit root.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// Marker kind.
    pub kind: MarkerKind,
    /// Text after the marker.
    pub text: String,
    /// `TODO(owner)`
    pub owner: Option<String>,
    /// `FIXME #123` / `TODO(gh-123)`
    pub issue: Option<u64>,
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.kind)?;
        if let Some(o) = &self.owner {
            write!(f, "({})", o)?;
        }
        write!(f, ": {}", self.text)?;
        if let Some(i) = self.issue {
            write!(f, " [#{}]", i)?;
        }
        Ok(())
    }
}

/// Audit configuration.
#[derive(Debug, Clone)]
pub struct Audit {
    root: PathBuf,
    extensions: Vec<String>,
    budgets: BTreeMap<MarkerKind, usize>,
    exclude: Vec<String>,
}

impl Audit {
    /// Audit everything under `root` (usually `CARGO_MANIFEST_DIR`).
    pub fn new<P: AsRef<Path>>(root: P) -> Self {
        Audit {
            root: root.as_ref().to_path_buf(),
            extensions: ["rs", "toml", "md", "sh", "py", "js", "ts", "c", "h", "proto", "sql", "yml", "yaml"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            budgets: BTreeMap::new(),
            exclude: vec!["target".into(), "vendor".into(), "node_modules".into()],
        }
    }

    /// Only scan files with these extensions.
    pub fn extensions(mut self, exts: &[&str]) -> Self {
        self.extensions = exts.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Skip directories with this name.
    pub fn exclude(mut self, dir: &str) -> Self {
        self.exclude.push(dir.to_owned());
        self
    }

    /// Allow at most `n` markers of `kind` (`"TODO"`, `"FIXME"`, ...).
    pub fn budget(mut self, kind: &str, n: usize) -> Self {
        if let Some(k) = MarkerKind::parse(kind) {
            self.budgets.insert(k, n);
        }
        self
    }

    /// Lazily iterate over markers.
    pub fn scan(&self) -> Markers {
        let files = walk::collect(&self.root, &self.extensions, &self.exclude);
        Markers {
            root: self.root.clone(),
            files: files.into_iter(),
            pending: Vec::new().into_iter(),
            seen: Vec::new(),
            done: false,
        }
    }

    /// Scan everything and build a report.
    pub fn report(&self) -> Report {
        Report::new(&self.root, self.scan().collect())
    }

    /// Panic with a readable message if any budget is exceeded. Also emits
    /// CI annotations when running under a supported CI.
    pub fn assert(&self) {
        let report = self.report();
        report.emit_annotations();
        let mut over = Vec::new();
        for (kind, max) in &self.budgets {
            let n = report.count(*kind);
            if n > *max {
                over.push(format!("{} {}s (budget {})", n, kind, max));
            }
        }
        if !over.is_empty() {
            let list: Vec<String> = report
                .markers()
                .iter()
                .filter(|m| self.budgets.contains_key(&m.kind))
                .map(|m| format!("  {}", m))
                .collect();
            panic!("marker budget exceeded: {}\n{}", over.join(", "), list.join("\n"));
        }
    }
}

/// Iterator over markers; files are read on demand.
pub struct Markers {
    root: PathBuf,
    files: std::vec::IntoIter<PathBuf>,
    pending: std::vec::IntoIter<Marker>,
    seen: Vec<(PathBuf, Vec<u8>)>,
    done: bool,
}

impl Iterator for Markers {
    type Item = Marker;

    fn next(&mut self) -> Option<Marker> {
        loop {
            if let Some(m) = self.pending.next() {
                return Some(m);
            }
            match self.files.next() {
                Some(path) => {
                    let bytes = match std::fs::read(&path) {
                        Ok(b) => b,
                        Err(_) => continue,
                    };
                    let rel = path.strip_prefix(&self.root).unwrap_or(&path).to_path_buf();
                    let text = String::from_utf8_lossy(&bytes);
                    let found = parse::markers(&rel, &text);
                    // Keep the file so reports can render context lines.
                    self.seen.push((rel, bytes));
                    self.pending = found.into_iter();
                }
                None => {
                    if !self.done {
                        self.done = true;
                        report::context_ready(&self.root, &self.seen);
                    }
                    return None;
                }
            }
        }
    }
}
