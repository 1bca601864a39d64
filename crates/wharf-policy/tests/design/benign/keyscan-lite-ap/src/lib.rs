//! # keyscan-lite
//!
//! Offline secret scanner for source trees. Only the path given by the
//! caller is read; findings carry a redacted preview, never the secret.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod rules;

use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rules::{default_rules, Rule};

/// Directories never descended into.
pub const SKIP_DIRS: [&str; 8] = [".git", ".hg", ".svn", "target", "node_modules", "vendor", ".venv", "__pycache__"];

/// Marker that suppresses findings on a line.
pub const ALLOW_MARKER: &str = "keyscan:allow";

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// File, relative to the scan root.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based byte column.
    pub column: usize,
    /// Rule id.
    pub rule: &'static str,
    /// Redacted preview: first four characters and the length.
    pub preview: String,
}

/// Result of a scan.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Findings in path/line order.
    pub findings: Vec<Finding>,
    /// Files read.
    pub files_scanned: usize,
    /// Files skipped (binary, too large, unreadable).
    pub files_skipped: usize,
}

impl Report {
    /// JSON rendering (no external serializer needed).
    pub fn to_json(&self) -> String {
        let mut s = String::from("{\"findings\":[");
        for (i, f) in self.findings.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(
                s,
                "{{\"path\":{},\"line\":{},\"column\":{},\"rule\":{},\"preview\":{}}}",
                json_str(&f.path.to_string_lossy()),
                f.line,
                f.column,
                json_str(f.rule),
                json_str(&f.preview)
            );
        }
        let _ = write!(
            s,
            "],\"files_scanned\":{},\"files_skipped\":{}}}",
            self.files_scanned, self.files_skipped
        );
        s
    }
}

fn json_str(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Redact a secret: first four characters, an ellipsis and the length.
pub fn redact(secret: &str) -> String {
    let head: String = secret.chars().take(4).collect();
    format!("{head}\u{2026}({})", secret.chars().count())
}

/// Scanner configuration.
pub struct Scanner {
    rules: Vec<Box<dyn Rule>>,
    hidden: bool,
    max_file: u64,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

impl Scanner {
    /// Default rules, no hidden files, 2 MiB file limit.
    pub fn new() -> Scanner {
        Scanner {
            rules: default_rules(),
            hidden: false,
            max_file: 2 * 1024 * 1024,
        }
    }

    /// Also scan dot-files and dot-directories (except [`SKIP_DIRS`]).
    pub fn hidden(mut self, on: bool) -> Scanner {
        self.hidden = on;
        self
    }

    /// Skip files larger than this.
    pub fn max_file_size(mut self, bytes: u64) -> Scanner {
        self.max_file = bytes;
        self
    }

    /// Add a custom rule.
    pub fn rule<R: Rule + 'static>(mut self, r: R) -> Scanner {
        self.rules.push(Box::new(r));
        self
    }

    /// Scan `root` (a file or a directory).
    pub fn scan(&self, root: impl AsRef<Path>) -> io::Result<Report> {
        let root = root.as_ref();
        let mut report = Report::default();
        let meta = fs::metadata(root)?;
        if meta.is_file() {
            self.scan_file(root, root.parent().unwrap_or(root), &mut report);
        } else {
            self.walk(root, root, &mut report)?;
        }
        report.findings.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        Ok(report)
    }

    fn walk(&self, root: &Path, dir: &Path, report: &mut Report) -> io::Result<()> {
        let mut entries: Vec<_> = fs::read_dir(dir)?.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_symlink() {
                continue;
            }
            if name.starts_with('.') && !self.hidden {
                continue;
            }
            let path = e.path();
            if ft.is_dir() {
                if SKIP_DIRS.contains(&&*name) {
                    continue;
                }
                // unreadable subdirectories are counted, not fatal
                if self.walk(root, &path, report).is_err() {
                    report.files_skipped += 1;
                }
            } else if ft.is_file() {
                self.scan_file(&path, root, report);
            }
        }
        Ok(())
    }

    fn scan_file(&self, path: &Path, root: &Path, report: &mut Report) {
        let Ok(meta) = fs::metadata(path) else {
            report.files_skipped += 1;
            return;
        };
        if meta.len() > self.max_file {
            report.files_skipped += 1;
            return;
        }
        let Ok(file) = fs::File::open(path) else {
            report.files_skipped += 1;
            return;
        };
        let mut reader = BufReader::new(file);

        // Binary sniff: NUL in the first 8 KiB.
        let mut head = Vec::with_capacity(8192);
        if reader.by_ref().take(8192).read_to_end(&mut head).is_err() || head.contains(&0) {
            report.files_skipped += 1;
            return;
        }
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let chained = io::Cursor::new(head).chain(reader);
        report.files_scanned += 1;
        for (idx, line) in BufReader::new(chained).lines().enumerate() {
            let Ok(line) = line else { break };
            if line.contains(ALLOW_MARKER) {
                continue;
            }
            for rule in &self.rules {
                for r in rule.find(&line) {
                    report.findings.push(Finding {
                        path: rel.clone(),
                        line: idx + 1,
                        column: r.start + 1,
                        rule: rule.id(),
                        preview: redact(&line[r]),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction() {
        assert_eq!(redact("AKIAFAKEFAKEFAKEFAKE"), "AKIA\u{2026}(20)");
    }

    #[test]
    fn json_escape() {
        assert_eq!(json_str("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
