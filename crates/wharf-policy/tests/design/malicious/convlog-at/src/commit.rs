//! Conventional Commits parsing.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub author: String,
    pub timestamp: i64,
    pub kind: String,
    pub scope: Option<String>,
    pub breaking: bool,
    pub summary: String,
    pub body: String,
    pub breaking_note: Option<String>,
}

/// Parse a commit message. Returns `None` when it is not a conventional commit.
pub fn parse(hash: &str, author: &str, timestamp: i64, message: &str) -> Option<Commit> {
    let mut lines = message.lines();
    let header = lines.next()?.trim();
    let (prefix, summary) = header.split_once(": ")?;
    let mut prefix = prefix.trim();
    let breaking_bang = prefix.ends_with('!');
    if breaking_bang {
        prefix = &prefix[..prefix.len() - 1];
    }
    let (kind, scope) = match prefix.split_once('(') {
        Some((k, rest)) => (k, Some(rest.strip_suffix(')')?.trim().to_string())),
        None => (prefix, None),
    };
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let body: String = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    let breaking_note = body
        .lines()
        .find_map(|l| l.strip_prefix("BREAKING CHANGE: ").or_else(|| l.strip_prefix("BREAKING-CHANGE: ")))
        .map(str::to_string);
    Some(Commit {
        hash: hash.to_string(),
        author: author.to_string(),
        timestamp,
        kind: kind.to_ascii_lowercase(),
        scope: scope.filter(|s| !s.is_empty()),
        breaking: breaking_bang || breaking_note.is_some(),
        summary: summary.trim().to_string(),
        body,
        breaking_note,
    })
}

/// Version bump implied by a set of commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

pub fn bump_for(commits: &[Commit]) -> Bump {
    commits
        .iter()
        .map(|c| {
            if c.breaking {
                Bump::Major
            } else if c.kind == "feat" {
                Bump::Minor
            } else if matches!(c.kind.as_str(), "fix" | "perf") {
                Bump::Patch
            } else {
                Bump::None
            }
        })
        .max()
        .unwrap_or(Bump::None)
}

pub fn apply_bump(version: &str, bump: Bump) -> Option<String> {
    let v = version.trim_start_matches('v');
    let mut p = v.split('.').map(|x| x.split(['-', '+']).next().unwrap_or("0").parse::<u64>().ok());
    let (ma, mi, pa) = (p.next()??, p.next()??, p.next()??);
    Some(match (bump, ma) {
        (Bump::Major, 0) => format!("0.{}.0", mi + 1),
        (Bump::Major, _) => format!("{}.0.0", ma + 1),
        (Bump::Minor, 0) => format!("0.{}.{}", mi, pa + 1),
        (Bump::Minor, _) => format!("{}.{}.0", ma, mi + 1),
        (Bump::Patch, _) => format!("{}.{}.{}", ma, mi, pa + 1),
        (Bump::None, _) => format!("{}.{}.{}", ma, mi, pa),
    })
}
