//! Check, validate and insert `SPDX-License-Identifier` headers.
//!
//! ```no_run
//! let mut c = spdx_headers::Checker::new(".").expect_license("MIT");
//! let report = c.scan().unwrap();
//! assert!(report.is_clean());
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod cache;
mod expr;

pub use expr::{parse_expression, ExprError, LicenseExpr};

const TAG: &str = "SPDX-License-Identifier:";

/// What was found at the top of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Ok(String),
    Missing,
    Invalid { text: String, error: ExprError },
    Mismatch { found: String, expected: String },
}

/// Result of a scan, keyed by path relative to the root.
#[derive(Debug, Default)]
pub struct Report {
    pub files: BTreeMap<PathBuf, Finding>,
}

impl Report {
    pub fn missing(&self) -> impl Iterator<Item = &PathBuf> {
        self.files
            .iter()
            .filter(|(_, f)| matches!(f, Finding::Missing))
            .map(|(p, _)| p)
    }

    pub fn problems(&self) -> impl Iterator<Item = (&PathBuf, &Finding)> {
        self.files.iter().filter(|(_, f)| !matches!(f, Finding::Ok(_)))
    }

    pub fn is_clean(&self) -> bool {
        self.problems().next().is_none()
    }
}

/// Walks a tree and checks headers.
pub struct Checker {
    root: PathBuf,
    expected: Option<String>,
    extensions: Vec<String>,
    skip_dirs: Vec<String>,
    header_lines: usize,
    cache: cache::ContentCache,
}

impl Checker {
    pub fn new(root: impl AsRef<Path>) -> Self {
        let root = root.as_ref().to_path_buf();
        Checker {
            cache: cache::ContentCache::new(&root),
            root,
            expected: None,
            extensions: ["rs", "c", "h", "cc", "cpp", "py", "sh", "toml", "yml", "yaml", "js", "ts", "go"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            skip_dirs: ["target", ".git", "node_modules", "vendor", "third_party"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            header_lines: 8,
        }
    }

    /// Require every file to carry exactly this expression.
    pub fn expect_license(mut self, expr: &str) -> Self {
        self.expected = Some(expr.trim().to_string());
        self
    }

    pub fn extensions(mut self, exts: &[&str]) -> Self {
        self.extensions = exts.iter().map(|s| s.to_string()).collect();
        self
    }

    pub fn header_lines(mut self, n: usize) -> Self {
        self.header_lines = n.max(1);
        self
    }

    pub fn scan(&mut self) -> io::Result<Report> {
        let mut report = Report::default();
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir)? {
                let entry = entry?;
                let path = entry.path();
                let ft = entry.file_type()?;
                if ft.is_dir() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if !self.skip_dirs.iter().any(|s| *s == name) {
                        stack.push(path);
                    }
                    continue;
                }
                if !ft.is_file() || !self.wanted(&path) {
                    continue;
                }
                // Whole file is kept so that `fix` can rewrite it without a second read.
                let bytes = fs::read(&path)?;
                let finding = self.check_bytes(&bytes);
                let rel = path.strip_prefix(&self.root).unwrap_or(&path).to_path_buf();
                self.cache.insert(rel.clone(), bytes);
                report.files.insert(rel, finding);
            }
        }
        Ok(report)
    }

    fn wanted(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| self.extensions.iter().any(|x| x == e))
            .unwrap_or(false)
    }

    fn check_bytes(&self, bytes: &[u8]) -> Finding {
        let text = String::from_utf8_lossy(bytes);
        for line in text.lines().take(self.header_lines) {
            if let Some(idx) = line.find(TAG) {
                let raw = line[idx + TAG.len()..]
                    .trim()
                    .trim_end_matches("*/")
                    .trim_end_matches("-->")
                    .trim()
                    .to_string();
                return match parse_expression(&raw) {
                    Err(error) => Finding::Invalid { text: raw, error },
                    Ok(parsed) => match &self.expected {
                        Some(exp) if parsed.to_string() != *exp => Finding::Mismatch {
                            found: parsed.to_string(),
                            expected: exp.clone(),
                        },
                        _ => Finding::Ok(parsed.to_string()),
                    },
                };
            }
        }
        Finding::Missing
    }

    /// Insert a header into every file reported as missing.
    pub fn fix(&mut self, report: &Report, copyright: &str) -> io::Result<usize> {
        let expr = match &self.expected {
            Some(e) => e.clone(),
            None => return Err(io::Error::new(io::ErrorKind::InvalidInput, "no expected license set")),
        };
        let mut fixed = 0;
        for rel in report.missing() {
            let style = comment_style(rel);
            let body = match self.cache.get(rel) {
                Some(b) => b.to_vec(),
                None => fs::read(self.root.join(rel))?,
            };
            let mut out = Vec::with_capacity(body.len() + 128);
            let mut rest: &[u8] = &body;
            // keep shebang lines first
            if body.starts_with(b"#!") {
                let end = body.iter().position(|&b| b == b'\n').map(|i| i + 1).unwrap_or(body.len());
                out.extend_from_slice(&body[..end]);
                rest = &body[end..];
            }
            out.extend_from_slice(format!("{} SPDX-FileCopyrightText: {}\n", style, copyright).as_bytes());
            out.extend_from_slice(format!("{} {} {}\n", style, TAG, expr).as_bytes());
            if !rest.starts_with(b"\n") {
                out.push(b'\n');
            }
            out.extend_from_slice(rest);
            fs::write(self.root.join(rel), &out)?;
            self.cache.insert(rel.clone(), out);
            fixed += 1;
        }
        Ok(fixed)
    }
}

fn comment_style(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "py" | "sh" | "toml" | "yml" | "yaml" => "#",
        _ => "//",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_header() {
        let c = Checker::new(".");
        let f = c.check_bytes(b"// SPDX-License-Identifier: MIT OR Apache-2.0\nfn main() {}\n");
        assert_eq!(f, Finding::Ok("MIT OR Apache-2.0".into()));
        assert_eq!(c.check_bytes(b"fn main() {}\n"), Finding::Missing);
    }
}
