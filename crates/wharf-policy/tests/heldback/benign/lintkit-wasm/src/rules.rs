//! Built-in rules.

use serde::Deserialize;

use crate::Diagnostic;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub max_line_length: usize,
    pub allow_trailing_spaces: bool,
    pub ignore_code_blocks: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { max_line_length: 80, allow_trailing_spaces: false, ignore_code_blocks: true }
    }
}

fn diag(line: usize, col: usize, rule: &str, message: String) -> Diagnostic {
    Diagnostic { line, col, rule: rule.to_owned(), message }
}

pub fn run_builtin(text: &str, s: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut last_heading = 0usize;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence && s.ignore_code_blocks {
            continue;
        }
        let width = line.chars().count();
        let is_link_only = line.trim_start().starts_with('[') && line.contains("]:");
        if width > s.max_line_length && !is_link_only {
            out.push(diag(n, s.max_line_length + 1, "line-length", format!("line is {width} characters (max {})", s.max_line_length)));
        }
        if !s.allow_trailing_spaces && line.ends_with(' ') && !line.ends_with("  ") {
            out.push(diag(n, width, "trailing-space", "trailing whitespace".into()));
        }
        if line.contains('\t') {
            out.push(diag(n, line.find('\t').unwrap() + 1, "hard-tab", "hard tab character".into()));
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with(' ') {
            if last_heading != 0 && level > last_heading + 1 {
                out.push(diag(n, 1, "heading-step", format!("heading jumps from h{last_heading} to h{level}")));
            }
            last_heading = level;
        }
    }
    if in_fence {
        out.push(diag(text.lines().count().max(1), 1, "unclosed-fence", "code fence is never closed".into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_jump() {
        let d = run_builtin("# A\n### B\n", &Settings::default());
        assert_eq!(d[0].rule, "heading-step");
    }

    #[test]
    fn code_blocks_ignored() {
        let long = "x".repeat(120);
        let d = run_builtin(&format!("```\n{long}\n```\n"), &Settings::default());
        assert!(d.is_empty());
    }
}
