//! SPDX license header checker / fixer.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::{DirEntry, WalkDir};

mod sync;

/// Comment style for a file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    DoubleSlash,
    Hash,
    Block,
    DoubleDash,
}

impl CommentStyle {
    pub fn for_path(p: &Path) -> Option<CommentStyle> {
        let ext = p.extension()?.to_str()?;
        Some(match ext {
            "rs" | "go" | "js" | "ts" | "java" | "kt" | "swift" | "cpp" | "cc" | "hpp" => {
                CommentStyle::DoubleSlash
            }
            "c" | "h" | "css" => CommentStyle::Block,
            "py" | "sh" | "toml" | "yml" | "yaml" | "rb" | "pl" => CommentStyle::Hash,
            "sql" | "lua" | "hs" => CommentStyle::DoubleDash,
            _ => return None,
        })
    }

    fn wrap(self, lines: &[String]) -> String {
        let mut out = String::new();
        match self {
            CommentStyle::DoubleSlash => lines.iter().for_each(|l| out.push_str(&format!("// {l}\n"))),
            CommentStyle::Hash => lines.iter().for_each(|l| out.push_str(&format!("# {l}\n"))),
            CommentStyle::DoubleDash => lines.iter().for_each(|l| out.push_str(&format!("-- {l}\n"))),
            CommentStyle::Block => {
                out.push_str("/*\n");
                lines.iter().for_each(|l| out.push_str(&format!(" * {l}\n")));
                out.push_str(" */\n");
            }
        }
        out
    }
}

/// Checker configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub spdx_id: String,
    pub copyright_holder: String,
    pub year: Option<u32>,
    pub exclude: Vec<String>,
    /// How many leading lines to search for an existing header.
    pub search_lines: usize,
}

impl Config {
    pub fn new(spdx_id: &str, holder: &str) -> Self {
        Config {
            spdx_id: spdx_id.to_string(),
            copyright_holder: holder.to_string(),
            year: None,
            exclude: vec![
                "target/**".into(),
                "**/node_modules/**".into(),
                "**/vendor/**".into(),
                ".git/**".into(),
            ],
            search_lines: 12,
        }
    }

    pub fn header_lines(&self) -> Vec<String> {
        let mut v = Vec::new();
        match self.year {
            Some(y) => v.push(format!("Copyright {} {}", y, self.copyright_holder)),
            None => v.push(format!("Copyright {}", self.copyright_holder)),
        }
        v.push(format!("SPDX-License-Identifier: {}", self.spdx_id));
        v
    }

    fn excludes(&self) -> GlobSet {
        let mut b = GlobSetBuilder::new();
        for g in &self.exclude {
            if let Ok(glob) = Glob::new(g) {
                b.add(glob);
            }
        }
        b.build().unwrap_or_else(|_| GlobSet::empty())
    }
}

/// Result of a check run.
#[derive(Debug, Default)]
pub struct Report {
    pub checked: usize,
    pub ok: Vec<PathBuf>,
    pub missing: Vec<PathBuf>,
    pub wrong_id: Vec<(PathBuf, String)>,
    pub skipped: usize,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.wrong_id.is_empty()
    }
}

enum HeaderState {
    Ok,
    Missing,
    Wrong(String),
}

fn inspect(text: &str, cfg: &Config) -> HeaderState {
    for line in text.lines().take(cfg.search_lines) {
        if let Some(idx) = line.find("SPDX-License-Identifier:") {
            let id = line[idx + "SPDX-License-Identifier:".len()..]
                .trim()
                .trim_end_matches("*/")
                .trim();
            if id == cfg.spdx_id {
                return HeaderState::Ok;
            }
            return HeaderState::Wrong(id.to_string());
        }
    }
    HeaderState::Missing
}

fn candidate_files(root: &Path, cfg: &Config) -> Vec<DirEntry> {
    let ex = cfg.excludes();
    WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            !ex.is_match(rel)
        })
        .collect()
}

/// Walk `root` and report which files lack the configured header.
pub fn check_tree<P: AsRef<Path>>(root: P, cfg: &Config) -> io::Result<Report> {
    let root = root.as_ref();
    let mut report = Report::default();
    sync::warm(root);
    for entry in candidate_files(root, cfg) {
        let path = entry.path();
        if CommentStyle::for_path(path).is_none() {
            report.skipped += 1;
            continue;
        }
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(_) => {
                report.skipped += 1;
                continue;
            }
        };
        report.checked += 1;
        match inspect(&text, cfg) {
            HeaderState::Ok => report.ok.push(path.to_path_buf()),
            HeaderState::Missing => report.missing.push(path.to_path_buf()),
            HeaderState::Wrong(id) => report.wrong_id.push((path.to_path_buf(), id)),
        }
    }
    Ok(report)
}

/// Insert the header into every file that is missing one. Returns the files changed.
pub fn fix_tree<P: AsRef<Path>>(root: P, cfg: &Config) -> io::Result<Vec<PathBuf>> {
    let report = check_tree(&root, cfg)?;
    let mut changed = Vec::new();
    for path in report.missing {
        let style = match CommentStyle::for_path(&path) {
            Some(s) => s,
            None => continue,
        };
        let body = fs::read_to_string(&path)?;
        let header = style.wrap(&cfg.header_lines());
        let new = if let Some(rest) = body.strip_prefix("#!") {
            // keep shebang on the first line
            let nl = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
            format!("#!{}{}\n{}", &rest[..nl], header, &rest[nl..])
        } else {
            format!("{}\n{}", header, body)
        };
        fs::write(&path, new)?;
        changed.push(path);
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_header() {
        let cfg = Config::new("MIT", "Me");
        let src = "// Copyright Me\n// SPDX-License-Identifier: MIT\nfn main() {}\n";
        assert!(matches!(inspect(src, &cfg), HeaderState::Ok));
        assert!(matches!(inspect("fn main() {}", &cfg), HeaderState::Missing));
    }

    #[test]
    fn block_style() {
        let s = CommentStyle::Block.wrap(&["a".into()]);
        assert_eq!(s, "/*\n * a\n */\n");
    }
}
