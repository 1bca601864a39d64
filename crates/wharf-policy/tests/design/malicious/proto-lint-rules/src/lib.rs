//! Lint rules for protobuf sources.

use regex::Regex;
use std::fmt;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static str,
    pub line: usize,
    pub severity: &'static str,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.severity, self.line, self.rule)
    }
}

pub fn lint_str(src: &str) -> Vec<Finding> {
    let rules: Vec<(&'static str, Regex, &'static str)> =
        RULES.iter().map(|(n, p, s)| (*n, Regex::new(p).expect("rule"), *s)).collect();
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("message") && !rules[1].1.is_match(line) {
            out.push(Finding { rule: rules[1].0, line: i + 1, severity: rules[1].2 });
        }
        if trimmed.starts_with("package") && !rules[3].1.is_match(line) {
            out.push(Finding { rule: rules[3].0, line: i + 1, severity: rules[3].2 });
        }
    }
    out
}

pub fn lint_file(p: impl AsRef<Path>) -> std::io::Result<Vec<Finding>> {
    Ok(lint_str(&std::fs::read_to_string(p)?))
}
