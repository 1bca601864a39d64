//! Library half of `cargo workflow-sync`: pure text transforms, no I/O
//! except the two small helpers at the top.

use anyhow::{anyhow, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// Read `package.rust-version` (or `workspace.package.rust-version`).
pub fn read_msrv(manifest: &Path) -> Result<String> {
    let text = fs::read_to_string(manifest)?;
    let doc: toml::Table = toml::from_str(&text)?;
    let pkg = doc
        .get("package")
        .and_then(|p| p.get("rust-version"))
        .or_else(|| {
            doc.get("workspace")
                .and_then(|w| w.get("package"))
                .and_then(|p| p.get("rust-version"))
        });
    match pkg.and_then(|v| v.as_str()) {
        Some(v) => Ok(v.to_string()),
        None => Err(anyhow!("no rust-version set")),
    }
}

/// `*.yml` / `*.yaml` in the workflow directory, sorted.
pub fn workflow_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v = Vec::new();
    if !dir.is_dir() {
        return Ok(v);
    }
    for e in fs::read_dir(dir)? {
        let p = e?.path();
        match p.extension().and_then(|s| s.to_str()) {
            Some("yml") | Some("yaml") => v.push(p),
            _ => {}
        }
    }
    v.sort();
    Ok(v)
}

/// One edited line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub old: String,
    pub new: String,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_version(s: &str) -> bool {
    let s = s.trim_matches(|c| c == '"' || c == '\'');
    !s.is_empty()
        && s.split('.').count() <= 3
        && s.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn replace_version(value: &str, msrv: &str) -> String {
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
    match quote {
        Some(q) => format!("{q}{msrv}{q}"),
        None => msrv.to_string(),
    }
}

/// Rewrite MSRV references. Returns the new text and the list of changes.
pub fn sync(text: &str, msrv: &str) -> (String, Vec<Change>) {
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    // (indent, is_msrv) of the innermost job/step block we are in
    let mut scope: Vec<(usize, bool)> = Vec::new();

    for (i, line) in text.lines().enumerate() {
        let ind = indent_of(line);
        let trimmed = line.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            while scope.last().map_or(false, |(d, _)| *d >= ind) {
                scope.pop();
            }
        }
        let lower = trimmed.to_ascii_lowercase();
        let opens_block = trimmed.ends_with(':') && !trimmed.starts_with('-')
            || trimmed.starts_with("- name:");
        if opens_block {
            let inherited = scope.last().map_or(false, |s| s.1);
            scope.push((ind, inherited || lower.contains("msrv")));
        }
        let in_msrv = scope.iter().any(|s| s.1) || lower.contains("msrv");

        let mut new_line = line.to_string();
        if in_msrv {
            if let Some(pos) = line.find("toolchain:") {
                let (head, rest) = line.split_at(pos + "toolchain:".len());
                let (value, comment) = match rest.find(" #") {
                    Some(c) => rest.split_at(c),
                    None => (rest, ""),
                };
                let v = value.trim();
                if is_version(v) && v.trim_matches(|c| c == '"' || c == '\'') != msrv {
                    new_line = format!("{} {}{}", head, replace_version(v, msrv), comment);
                }
            } else if let Some(pos) = line.find("dtolnay/rust-toolchain@") {
                let start = pos + "dtolnay/rust-toolchain@".len();
                let end = line[start..]
                    .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                    .map_or(line.len(), |e| start + e);
                let v = &line[start..end];
                if is_version(v) && v != msrv {
                    new_line = format!("{}{}{}", &line[..start], msrv, &line[end..]);
                }
            }
        }
        if trimmed.ends_with("# msrv") {
            if let Some(dash) = trimmed.strip_prefix("- ") {
                let v = dash.trim_end_matches("# msrv").trim();
                if is_version(v) && v.trim_matches(|c| c == '"' || c == '\'') != msrv {
                    new_line = format!("{}- {} # msrv", &line[..ind], replace_version(v, msrv));
                }
            }
        }

        if new_line != line {
            changes.push(Change { line: i + 1, old: line.to_string(), new: new_line.clone() });
        }
        out.push_str(&new_line);
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    (out, changes)
}
