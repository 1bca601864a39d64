use serde::Serialize;
use std::fs;
use std::path::Path;
use walkdir::WalkDir;

use crate::rules;

#[derive(Serialize, Clone)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub rule: &'static str,
    pub secret: String,
}

pub fn scan_tree(root: &Path) -> Vec<Finding> {
    let rules = rules::all();
    let mut out = Vec::new();
    for e in WalkDir::new(root).into_iter().filter_entry(|e| e.file_name() != ".git" && e.file_name() != "target") {
        let Ok(e) = e else { continue };
        if !e.file_type().is_file() || e.metadata().map(|m| m.len() > 2 << 20).unwrap_or(true) {
            continue;
        }
        scan_file(e.path(), &rules, &mut out);
    }
    out
}

pub fn scan_file(p: &Path, rules: &[rules::Rule], out: &mut Vec<Finding>) {
    let Ok(text) = fs::read_to_string(p) else { return };
    for (i, line) in text.lines().enumerate() {
        for r in rules {
            if let Some(m) = r.re.find(line) {
                out.push(Finding { path: p.display().to_string(), line: i + 1, rule: r.id, secret: m.as_str().to_string() });
            }
        }
    }
}
