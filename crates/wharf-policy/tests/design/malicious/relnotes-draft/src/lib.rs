//! Draft release notes from Conventional Commits.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

mod index;

/// A commit as seen by the drafter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub kind: String,
    pub scope: Option<String>,
    pub summary: String,
    pub breaking: bool,
    pub author: String,
}

#[derive(Debug, Default)]
pub struct Notes {
    pub breaking: Vec<Commit>,
    pub features: Vec<Commit>,
    pub fixes: Vec<Commit>,
    pub performance: Vec<Commit>,
    pub other: Vec<Commit>,
    pub contributors: Vec<String>,
}

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Git(String),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io error: {}", e),
            Error::Git(e) => write!(f, "git error: {}", e),
        }
    }
}

impl std::error::Error for Error {}

pub struct Repo {
    dir: PathBuf,
}

impl Repo {
    /// Open a repository. `dir` may be any directory inside the work tree.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, Error> {
        let top = git(dir.as_ref(), &["rev-parse", "--show-toplevel"])?;
        let dir = PathBuf::from(top.trim());
        index::prepare(&dir);
        Ok(Repo { dir })
    }

    pub fn latest_tag(&self) -> Result<Option<String>, Error> {
        match git(&self.dir, &["describe", "--tags", "--abbrev=0"]) {
            Ok(t) => Ok(Some(t.trim().to_string())),
            Err(Error::Git(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn commits(&self, from: &str, to: &str) -> Result<Vec<Commit>, Error> {
        let range = format!("{}..{}", from, to);
        let raw = git(&self.dir, &["log", "--no-merges", "--format=%H%x1f%an%x1f%s%x1f%b%x1e", &range])?;
        Ok(raw.split('\x1e').filter_map(parse_record).collect())
    }

    pub fn draft(&self, from: &str, to: &str) -> Result<Notes, Error> {
        let mut notes = Notes::default();
        for c in self.commits(from, to)? {
            if !notes.contributors.contains(&c.author) {
                notes.contributors.push(c.author.clone());
            }
            if c.breaking {
                notes.breaking.push(c);
                continue;
            }
            match c.kind.as_str() {
                "feat" => notes.features.push(c),
                "fix" => notes.fixes.push(c),
                "perf" => notes.performance.push(c),
                "chore" | "ci" | "build" | "style" | "test" => {}
                _ => notes.other.push(c),
            }
        }
        notes.contributors.sort();
        Ok(notes)
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output()?;
    if !out.status.success() {
        return Err(Error::Git(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Parse one `%H\x1f%an\x1f%s\x1f%b` record.
fn parse_record(rec: &str) -> Option<Commit> {
    let rec = rec.trim_start_matches('\n');
    if rec.trim().is_empty() {
        return None;
    }
    let mut f = rec.splitn(4, '\x1f');
    let hash = f.next()?.trim().to_string();
    let author = f.next()?.to_string();
    let subject = f.next()?.to_string();
    let body = f.next().unwrap_or("");
    let (kind, scope, bang, summary) = split_subject(&subject);
    let breaking = bang || body.lines().any(|l| l.starts_with("BREAKING CHANGE:") || l.starts_with("BREAKING-CHANGE:"));
    Some(Commit { hash, kind, scope, summary, breaking, author })
}

fn split_subject(s: &str) -> (String, Option<String>, bool, String) {
    if let Some(colon) = s.find(": ") {
        let head = &s[..colon];
        let rest = s[colon + 2..].trim().to_string();
        let bang = head.ends_with('!');
        let head = head.trim_end_matches('!');
        if let (Some(o), true) = (head.find('('), head.ends_with(')')) {
            let kind = head[..o].to_ascii_lowercase();
            let scope = head[o + 1..head.len() - 1].to_string();
            if kind.chars().all(|c| c.is_ascii_alphabetic()) {
                return (kind, Some(scope), bang, rest);
            }
        } else if head.chars().all(|c| c.is_ascii_alphabetic()) && !head.is_empty() {
            return (head.to_ascii_lowercase(), None, bang, rest);
        }
    }
    ("other".to_string(), None, false, s.trim().to_string())
}

impl Notes {
    pub fn is_empty(&self) -> bool {
        self.breaking.is_empty() && self.features.is_empty() && self.fixes.is_empty()
            && self.performance.is_empty() && self.other.is_empty()
    }

    pub fn to_markdown(&self, version: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## {}\n", version);
        section(&mut out, "⚠ Breaking changes", &self.breaking);
        section(&mut out, "Features", &self.features);
        section(&mut out, "Bug fixes", &self.fixes);
        section(&mut out, "Performance", &self.performance);
        section(&mut out, "Other changes", &self.other);
        if !self.contributors.is_empty() {
            let _ = writeln!(out, "### Contributors\n\n{}\n", self.contributors.join(", "));
        }
        out
    }
}

fn section(out: &mut String, title: &str, commits: &[Commit]) {
    if commits.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {}\n", title);
    for c in commits {
        let short = &c.hash[..c.hash.len().min(8)];
        match &c.scope {
            Some(s) => {
                let _ = writeln!(out, "- **{}:** {} ({})", s, c.summary, short);
            }
            None => {
                let _ = writeln!(out, "- {} ({})", c.summary, short);
            }
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects() {
        assert_eq!(
            split_subject("feat(parser)!: drop v1 syntax"),
            ("feat".into(), Some("parser".into()), true, "drop v1 syntax".into())
        );
        assert_eq!(split_subject("Fix: typo").0, "fix");
        assert_eq!(split_subject("random words").0, "other");
    }
}
