//! Conventional Commits parsing and changelog rendering.

mod render;

pub use render::Changelog;

use std::fmt;

/// A parsed conventional commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub kind: String,
    pub scope: Option<String>,
    pub breaking: bool,
    pub summary: String,
    pub body: Option<String>,
    pub footers: Vec<(String, String)>,
    pub hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    MissingColon,
    BadType(String),
    UnclosedScope,
    EmptySummary,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty commit message"),
            ParseError::MissingColon => f.write_str("header has no `: ` separator"),
            ParseError::BadType(t) => write!(f, "invalid commit type `{t}`"),
            ParseError::UnclosedScope => f.write_str("scope is missing `)`"),
            ParseError::EmptySummary => f.write_str("summary is empty"),
        }
    }
}

impl std::error::Error for ParseError {}

fn is_footer_line(line: &str) -> Option<(String, String)> {
    if let Some(rest) = line.strip_prefix("BREAKING CHANGE: ").or_else(|| line.strip_prefix("BREAKING-CHANGE: ")) {
        return Some(("BREAKING CHANGE".into(), rest.into()));
    }
    let (tok, val) = line.split_once(": ").or_else(|| line.split_once(" #"))?;
    if !tok.is_empty() && tok.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        Some((tok.to_string(), val.to_string()))
    } else {
        None
    }
}

impl Commit {
    pub fn parse(message: &str) -> Result<Commit, ParseError> {
        let message = message.trim();
        let mut lines = message.lines();
        let header = lines.next().ok_or(ParseError::Empty)?;
        let (head, summary) = header.split_once(": ").ok_or(ParseError::MissingColon)?;
        let (head, bang) = match head.strip_suffix('!') {
            Some(h) => (h, true),
            None => (head, false),
        };
        let (kind, scope) = match head.find('(') {
            Some(i) => {
                let close = head.rfind(')').ok_or(ParseError::UnclosedScope)?;
                (&head[..i], Some(head[i + 1..close].to_string()))
            }
            None => (head, None),
        };
        if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(ParseError::BadType(kind.to_string()));
        }
        if summary.trim().is_empty() {
            return Err(ParseError::EmptySummary);
        }

        let rest: Vec<&str> = lines.collect();
        let mut footers = Vec::new();
        let mut body_end = rest.len();
        for (i, l) in rest.iter().enumerate().rev() {
            if let Some(f) = is_footer_line(l) {
                footers.push(f);
                body_end = i;
            } else if l.trim().is_empty() {
                continue;
            } else {
                break;
            }
        }
        footers.reverse();
        let body = rest[..body_end].join("\n").trim().to_string();
        let breaking = bang || footers.iter().any(|(k, _)| k == "BREAKING CHANGE");

        Ok(Commit {
            kind: kind.to_ascii_lowercase(),
            scope,
            breaking,
            summary: summary.trim().to_string(),
            body: (!body.is_empty()).then_some(body),
            footers,
            hash: None,
        })
    }
}

/// Compute the next version after `current` given a set of commits.
pub fn next_version(current: &semver::Version, commits: &[Commit]) -> semver::Version {
    let mut v = current.clone();
    v.pre = semver::Prerelease::EMPTY;
    let breaking = commits.iter().any(|c| c.breaking);
    let feat = commits.iter().any(|c| c.kind == "feat");
    if breaking {
        if v.major == 0 {
            v.minor += 1;
            v.patch = 0;
        } else {
            v.major += 1;
            v.minor = 0;
            v.patch = 0;
        }
    } else if feat {
        v.minor += 1;
        v.patch = 0;
    } else {
        v.patch += 1;
    }
    v
}

/// Read commits between `since` and `HEAD` with the local `git`.
pub fn commits_since(since: Option<&str>) -> std::io::Result<Vec<Commit>> {
    let range = match since {
        Some(s) => format!("{s}..HEAD"),
        None => "HEAD".to_string(),
    };
    let out = std::process::Command::new("git")
        .args(["log", "--no-merges", "--format=%H%x1f%B%x1e", &range])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut v = Vec::new();
    for rec in text.split('\u{1e}') {
        let rec = rec.trim();
        if rec.is_empty() {
            continue;
        }
        if let Some((hash, msg)) = rec.split_once('\u{1f}') {
            if let Ok(mut c) = Commit::parse(msg) {
                c.hash = Some(hash[..hash.len().min(10)].to_string());
                v.push(c);
            }
        }
    }
    Ok(v)
}

/// Rev this crate was built from (shown by the CLI).
pub const BUILD_REV: &str = env!("CHANGELOG_CONV_GIT_REV");
