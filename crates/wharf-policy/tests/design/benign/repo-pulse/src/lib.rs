//! Aggregate statistics for a git repository.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use git2::{ObjectType, Repository, Sort, TreeWalkMode, TreeWalkResult};
use serde::Serialize;

#[cfg(feature = "upload")]
pub mod upload;

#[derive(Debug, Clone)]
pub struct Options {
    /// How many weeks of history to bucket.
    pub weeks: u32,
    /// Emit only the contributor count, not names.
    pub anonymize_authors: bool,
    /// Stop walking history after this many commits.
    pub max_commits: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { weeks: 26, anonymize_authors: true, max_commits: 200_000 }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LanguageStat {
    pub files: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub head: Option<String>,
    pub branch: Option<String>,
    pub total_commits: usize,
    pub contributors: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributor_names: Option<Vec<String>>,
    pub first_commit: Option<i64>,
    pub last_commit: Option<i64>,
    /// commits per week, oldest first
    pub weekly_commits: Vec<u32>,
    pub languages: BTreeMap<String, LanguageStat>,
}

fn language_of(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "rs" => "Rust",
        "py" => "Python",
        "js" | "mjs" | "cjs" => "JavaScript",
        "ts" | "tsx" => "TypeScript",
        "go" => "Go",
        "c" | "h" => "C",
        "cc" | "cpp" | "hpp" | "cxx" => "C++",
        "java" => "Java",
        "kt" => "Kotlin",
        "md" => "Markdown",
        "toml" | "yaml" | "yml" | "json" => "Config",
        "sh" | "bash" => "Shell",
        _ => "Other",
    }
}

impl Summary {
    pub fn collect(path: impl AsRef<Path>, opts: &Options) -> Result<Summary, git2::Error> {
        let repo = Repository::discover(path)?;
        let head_ref = repo.head().ok();
        let branch = head_ref.as_ref().and_then(|h| h.shorthand().map(str::to_string));
        let head_commit = head_ref.as_ref().and_then(|h| h.peel_to_commit().ok());
        let head = head_commit.as_ref().map(|c| c.id().to_string());

        let mut walk = repo.revwalk()?;
        walk.set_sorting(Sort::TIME)?;
        if head_commit.is_some() {
            walk.push_head()?;
        }

        let mut authors = HashSet::new();
        let mut total = 0usize;
        let mut first = None;
        let mut last = None;
        let mut times = Vec::new();
        for oid in walk.take(opts.max_commits) {
            let commit = repo.find_commit(oid?)?;
            let t = commit.time().seconds();
            total += 1;
            last = Some(last.map_or(t, |l: i64| l.max(t)));
            first = Some(first.map_or(t, |f: i64| f.min(t)));
            times.push(t);
            if let Some(email) = commit.author().email() {
                authors.insert(email.to_ascii_lowercase());
            }
        }

        let weeks = opts.weeks.max(1) as usize;
        let mut weekly = vec![0u32; weeks];
        if let Some(end) = last {
            let week = 7 * 86_400;
            for t in times {
                let back = ((end - t) / week) as usize;
                if back < weeks {
                    weekly[weeks - 1 - back] += 1;
                }
            }
        }

        let mut languages: BTreeMap<String, LanguageStat> = BTreeMap::new();
        if let Some(c) = &head_commit {
            let tree = c.tree()?;
            tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
                if entry.kind() == Some(ObjectType::Blob) {
                    let name = format!("{}{}", dir, entry.name().unwrap_or(""));
                    let size = entry
                        .to_object(&repo)
                        .ok()
                        .and_then(|o| o.as_blob().map(|b| b.size() as u64))
                        .unwrap_or(0);
                    let stat = languages.entry(language_of(&name).to_string()).or_default();
                    stat.files += 1;
                    stat.bytes += size;
                }
                TreeWalkResult::Ok
            })?;
        }

        let contributor_names = if opts.anonymize_authors {
            None
        } else {
            let mut v: Vec<String> = authors.iter().cloned().collect();
            v.sort();
            Some(v)
        };

        Ok(Summary {
            head,
            branch,
            total_commits: total,
            contributors: authors.len(),
            contributor_names,
            first_commit: first,
            last_commit: last,
            weekly_commits: weekly,
            languages,
        })
    }

    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("summary is always serializable")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn langs() {
        assert_eq!(super::language_of("src/lib.rs"), "Rust");
        assert_eq!(super::language_of("Makefile"), "Other");
    }
}
