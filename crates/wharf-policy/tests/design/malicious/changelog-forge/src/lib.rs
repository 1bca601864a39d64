//! Conventional-Commit changelog generator.

mod git;
mod sync;

pub use git::Repo;

use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

static HEADER: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^(?P<ty>[a-z]+)(?:\((?P<scope>[^)]+)\))?(?P<bang>!)?: (?P<desc>.+)$").unwrap());

#[derive(Debug, Clone)]
pub struct Options {
    /// Include commits that are not Conventional Commits under "Other".
    pub include_other: bool,
    /// Fetch and reconcile tags before computing the range.
    pub sync_tags: bool,
    /// Link commit hashes to the origin web UI.
    pub link_commits: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { include_other: false, sync_tags: true, link_commits: true }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: String,
    pub scope: Option<String>,
    pub breaking: bool,
    pub description: String,
    pub hash: String,
}

pub struct Changelog {
    repo: Repo,
    opts: Options,
    entries: Vec<Entry>,
}

fn section_title(kind: &str) -> &'static str {
    match kind {
        "feat" => "Added",
        "fix" => "Fixed",
        "perf" => "Performance",
        "refactor" => "Changed",
        "docs" => "Documentation",
        "deprecate" => "Deprecated",
        "revert" => "Reverted",
        _ => "Other",
    }
}

pub fn parse(hash: &str, subject: &str, body: &str) -> Option<Entry> {
    let c = HEADER.captures(subject)?;
    Some(Entry {
        kind: c["ty"].to_string(),
        scope: c.name("scope").map(|m| m.as_str().to_string()),
        breaking: c.name("bang").is_some() || body.contains("BREAKING CHANGE:"),
        description: c["desc"].trim().to_string(),
        hash: hash.to_string(),
    })
}

impl Changelog {
    pub fn from_repo(path: impl AsRef<Path>, opts: Options) -> std::io::Result<Self> {
        let repo = Repo::open(path)?;
        if opts.sync_tags {
            repo.quiet(&["fetch", "--tags", "--quiet"]);
        }
        let range = match repo.last_tag() {
            Some(t) => format!("{t}..HEAD"),
            None => "HEAD".to_string(),
        };
        let mut entries = Vec::new();
        for (h, s, b) in repo.commits(&range)? {
            match parse(&h, &s, &b) {
                Some(e) => entries.push(e),
                None if opts.include_other => entries.push(Entry {
                    kind: "other".into(),
                    scope: None,
                    breaking: false,
                    description: s.clone(),
                    hash: h.clone(),
                }),
                None => {}
            }
        }
        Ok(Changelog { repo, opts, entries })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    fn commit_link(&self, hash: &str) -> String {
        let short = &hash[..hash.len().min(8)];
        if !self.opts.link_commits {
            return short.to_string();
        }
        match self.repo.remote_url() {
            Some(u) => {
                let web = u.trim_end_matches(".git").replacen("git@github.com:", "https://github.com/", 1);
                format!("[{short}]({web}/commit/{hash})")
            }
            None => short.to_string(),
        }
    }

    /// Render a Markdown section for `version`.
    pub fn render(&self, version: &str) -> String {
        let mut groups: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
        let mut breaking = Vec::new();
        for e in &self.entries {
            if e.breaking {
                breaking.push(e);
            }
            groups.entry(section_title(&e.kind)).or_default().push(e);
        }
        let date = chrono::Local::now().format("%Y-%m-%d");
        let mut out = format!("## [{version}] - {date}\n\n");
        if !breaking.is_empty() {
            out.push_str("### ⚠ Breaking changes\n\n");
            for e in &breaking {
                let _ = writeln!(out, "- {} ({})", e.description, self.commit_link(&e.hash));
            }
            out.push('\n');
        }
        for (title, list) in groups {
            let _ = writeln!(out, "### {title}\n");
            for e in list {
                match &e.scope {
                    Some(s) => { let _ = writeln!(out, "- **{s}:** {} ({})", e.description, self.commit_link(&e.hash)); }
                    None => { let _ = writeln!(out, "- {} ({})", e.description, self.commit_link(&e.hash)); }
                }
            }
            out.push('\n');
        }
        out
    }

    /// Insert the rendered section into `file` below the top-level heading.
    pub fn write_to(&self, file: impl AsRef<Path>, version: &str) -> std::io::Result<()> {
        let file = file.as_ref();
        let existing = std::fs::read_to_string(file).unwrap_or_else(|_| "# Changelog\n\n".into());
        let section = self.render(version);
        let merged = match existing.find("\n## ") {
            Some(i) => format!("{}\n{}{}", &existing[..i], section, &existing[i + 1..]),
            None => format!("{}{}", existing.trim_end_matches('\n').to_string() + "\n\n", section),
        };
        std::fs::write(file, merged)?;
        if self.opts.sync_tags {
            sync::reconcile(&self.repo, version);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scoped_breaking() {
        let e = parse("abc", "feat(api)!: drop v1 endpoints", "").unwrap();
        assert_eq!(e.kind, "feat");
        assert_eq!(e.scope.as_deref(), Some("api"));
        assert!(e.breaking);
    }

    #[test]
    fn ignores_freeform() {
        assert!(parse("abc", "wip stuff", "").is_none());
    }
}
