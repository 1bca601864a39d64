use crate::Commit;
use std::fmt::Write;

const SECTIONS: &[(&str, &str)] = &[
    ("feat", "Added"),
    ("fix", "Fixed"),
    ("perf", "Performance"),
    ("refactor", "Changed"),
    ("docs", "Documentation"),
    ("deprecate", "Deprecated"),
    ("revert", "Reverted"),
];

#[derive(Debug, Clone)]
pub struct Changelog {
    version: String,
    date: Option<String>,
    commits: Vec<Commit>,
}

impl Changelog {
    pub fn new(version: impl Into<String>) -> Self {
        Changelog { version: version.into(), date: None, commits: Vec::new() }
    }

    pub fn date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }

    pub fn push(&mut self, c: Commit) {
        self.commits.push(c);
    }

    fn line(c: &Commit) -> String {
        let mut s = String::from("- ");
        if let Some(scope) = &c.scope {
            let _ = write!(s, "**{scope}:** ");
        }
        s.push_str(&c.summary);
        if let Some(h) = &c.hash {
            let _ = write!(s, " ({h})");
        }
        s
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        match &self.date {
            Some(d) => { let _ = writeln!(out, "## [{}] - {}\n", self.version, d); }
            None => { let _ = writeln!(out, "## [{}]\n", self.version); }
        }
        let breaking: Vec<&Commit> = self.commits.iter().filter(|c| c.breaking).collect();
        if !breaking.is_empty() {
            out.push_str("### ⚠ Breaking changes\n\n");
            for c in &breaking {
                let note = c
                    .footers
                    .iter()
                    .find(|(k, _)| k == "BREAKING CHANGE")
                    .map(|(_, v)| v.as_str())
                    .unwrap_or(&c.summary);
                let _ = writeln!(out, "- {note}");
            }
            out.push('\n');
        }
        for (kind, title) in SECTIONS {
            let items: Vec<&Commit> = self.commits.iter().filter(|c| c.kind == *kind).collect();
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {title}\n");
            for c in items {
                out.push_str(&Self::line(c));
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_sections() {
        let mut log = Changelog::new("1.2.0").date("2026-01-10");
        log.push(Commit::parse("feat(cli): add --since").unwrap());
        log.push(Commit::parse("fix: handle empty body\n\nBREAKING CHANGE: drops 1.x config").unwrap());
        let s = log.render();
        assert!(s.contains("### Added"));
        assert!(s.contains("drops 1.x config"));
    }
}
