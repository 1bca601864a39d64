//! Offline secret scanning for source trees.
//!
//! The scanner only reads the paths it is given and returns redacted
//! findings; it never transmits or stores secret values.

pub mod report;
pub mod rules;
pub mod walk;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use rules::Severity;
use rules::{Check, Rule};
pub use walk::WalkOptions;

/// One reported secret (value already redacted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in bytes.
    pub column: usize,
    pub redacted: String,
    pub fingerprint: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}  {}  {}  fp={}",
            self.path.display(),
            self.line,
            self.column,
            self.rule,
            self.redacted,
            self.fingerprint
        )
    }
}

pub struct Scanner {
    rules: Vec<Rule>,
    walk: WalkOptions,
    baseline: HashSet<String>,
    min_severity: Severity,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            rules: rules::builtin(),
            walk: WalkOptions::default(),
            baseline: HashSet::new(),
            min_severity: Severity::Low,
        }
    }
}

impl Scanner {
    pub fn walk_options(mut self, w: WalkOptions) -> Self {
        self.walk = w;
        self
    }

    pub fn min_severity(mut self, s: Severity) -> Self {
        self.min_severity = s;
        self
    }

    /// Fingerprints (one per line, `#` comments allowed) to suppress.
    pub fn baseline_from_str(mut self, text: &str) -> Self {
        self.baseline.extend(
            text.lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
        );
        self
    }

    pub fn rule_ids(&self) -> Vec<&'static str> {
        self.rules.iter().map(|r| r.id).collect()
    }

    /// Scan in-memory text as if it were the file `path`.
    pub fn scan_text(&self, path: &Path, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut push = |rule: &Rule, line: usize, col: usize, secret: &str| {
            if rule.severity < self.min_severity {
                return;
            }
            let fp = report::fingerprint(secret);
            if self.baseline.contains(&fp) {
                return;
            }
            out.push(Finding {
                rule: rule.id,
                severity: rule.severity,
                path: path.to_path_buf(),
                line,
                column: col + 1,
                redacted: report::redact(secret),
                fingerprint: fp,
            });
        };
        for rule in &self.rules {
            match rule.check {
                Check::Line(f) => {
                    for (i, line) in text.lines().enumerate() {
                        // Allow inline suppression for test fixtures.
                        if line.contains("leakscan:allow") {
                            continue;
                        }
                        for h in f(line) {
                            push(rule, i + 1, h.col, &h.secret);
                        }
                    }
                }
                Check::File(f) => {
                    if let Some(h) = f(text) {
                        push(rule, 1, h.col, &h.secret);
                    }
                }
            }
        }
        out.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
        // A PEM header and a generic rule may hit the same spot; keep the
        // most severe.
        out.dedup_by(|b, a| a.line == b.line && a.column == b.column && a.severity >= b.severity);
        out
    }

    pub fn scan_file(&self, path: &Path) -> io::Result<Vec<Finding>> {
        let data = fs::read(path)?;
        if walk::looks_binary(&data) {
            return Ok(Vec::new());
        }
        let text = String::from_utf8_lossy(&data);
        Ok(self.scan_text(path, &text))
    }

    /// Scan a file or a directory tree.
    pub fn scan_path(&self, root: &Path) -> io::Result<Vec<Finding>> {
        let mut out = Vec::new();
        for f in walk::files(root, &self.walk)? {
            match self.scan_file(&f) {
                Ok(v) => out.extend(v),
                Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
