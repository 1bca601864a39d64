//! Decide what goes into the submission.

use std::path::Path;
use std::process::Command;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::Config;

pub struct Submission {
    pub files: Vec<String>,
    pub excluded: Vec<String>,
    pub total_bytes: u64,
    pub commit: Option<String>,
    pub dirty: bool,
    pub origin: Option<String>,
}

const ALWAYS_EXCLUDE: &[&str] = &["target/**", ".git/**", ".env*", "**/.env*", "**/*.pem", "**/*.key", "**/id_*", "**/*.p12"];

fn globs(patterns: &[String], extra: &[&str]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns.iter().map(String::as_str).chain(extra.iter().copied()) {
        b.add(Glob::new(p).map_err(|e| format!("bad glob {p:?}: {e}"))?);
    }
    b.build().map_err(|e| e.to_string())
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(root).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn collect(cfg: &Config) -> Result<Submission, String> {
    let exclude = globs(&cfg.exclude, ALWAYS_EXCLUDE)?;
    let candidates: Vec<String> = match git(&cfg.root, &["ls-files", "-z", "--", "."]) {
        Some(list) => list.split('\0').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        None => walk_includes(cfg)?,
    };
    let mut files = Vec::new();
    let mut excluded = Vec::new();
    let mut total = 0u64;
    for rel in candidates {
        if exclude.is_match(&rel) {
            excluded.push(rel);
            continue;
        }
        let p = cfg.root.join(&rel);
        let Ok(m) = std::fs::symlink_metadata(&p) else { continue };
        if !m.is_file() {
            continue; // symlinks could point outside the project
        }
        total += m.len();
        files.push(rel);
    }
    files.sort();
    let commit = git(&cfg.root, &["rev-parse", "--short", "HEAD"]).map(|s| s.trim().to_string());
    let dirty = git(&cfg.root, &["status", "--porcelain"]).map(|s| !s.trim().is_empty()).unwrap_or(false);
    let origin = git(&cfg.root, &["remote", "get-url", "origin"]).map(|s| strip_credentials(s.trim()));
    Ok(Submission { files, excluded, total_bytes: total, commit, dirty, origin })
}

fn walk_includes(cfg: &Config) -> Result<Vec<String>, String> {
    if cfg.include.is_empty() {
        return Err("not a git repository and .handin.toml has no `include` list".into());
    }
    let inc = globs(&cfg.include, &[])?;
    let mut out = Vec::new();
    let mut stack = vec![cfg.root.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| e.to_string())?.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(&cfg.root).unwrap().to_string_lossy().replace('\\', "/");
            match e.file_type() {
                Ok(t) if t.is_dir() && rel != "target" && rel != ".git" => stack.push(p),
                Ok(t) if t.is_file() && inc.is_match(&rel) => out.push(rel),
                _ => {}
            }
        }
    }
    Ok(out)
}

/// Remove `user:password@` from URLs; graders only need to know where the repo is.
pub fn strip_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (auth, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = auth.rsplit_once('@').map(|(_, h)| h).unwrap_or(auth);
            format!("{scheme}://{host}{path}")
        }
        None => url.to_string(),
    }
}
