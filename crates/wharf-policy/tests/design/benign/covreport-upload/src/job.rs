//! Assemble the JSON job.

use std::fs;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use md5::{Digest, Md5};
use serde::Serialize;

use crate::{git, lcov};

#[derive(Debug, Clone)]
pub struct JobOptions {
    pub root: PathBuf,
    pub include_source: bool,
    pub service_name: String,
    pub service_job_id: Option<String>,
    pub parallel: bool,
}

#[derive(Serialize)]
pub struct SourceFile {
    pub name: String,
    pub source_digest: String,
    pub coverage: Vec<Option<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Serialize)]
pub struct Job {
    pub service_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_job_id: Option<String>,
    pub parallel: bool,
    pub source_files: Vec<SourceFile>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<git::GitInfo>,
}

pub fn build_job(lcov_text: &str, opts: &JobOptions) -> std::io::Result<Job> {
    let root = fs::canonicalize(&opts.root)?;
    let ignore = load_ignore(&root);
    let mut files = Vec::new();
    for (sf, cov) in lcov::parse(lcov_text) {
        let abs = if Path::new(&sf).is_absolute() { PathBuf::from(&sf) } else { root.join(&sf) };
        let Ok(abs) = fs::canonicalize(&abs) else { continue };
        // Never read anything outside the repository, whatever the report says.
        let Ok(rel) = abs.strip_prefix(&root) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if ignore.is_match(&rel) {
            continue;
        }
        let text = match fs::read_to_string(&abs) {
            Ok(t) => t,
            Err(_) => continue,
        };
        let digest = format!("{:x}", Md5::digest(text.as_bytes()));
        let coverage = lcov::to_array(&cov, text.lines().count());
        files.push(SourceFile {
            name: rel,
            source_digest: digest,
            coverage,
            source: opts.include_source.then_some(text),
        });
    }
    Ok(Job {
        service_name: opts.service_name.clone(),
        service_job_id: opts.service_job_id.clone(),
        parallel: opts.parallel,
        source_files: files,
        git: git::info(&root),
    })
}

fn load_ignore(root: &Path) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    // secrets never belong in a coverage upload, even if a test touched them
    for g in [".env*", "**/*.pem", "**/*.key", "target/**"] {
        b.add(Glob::new(g).unwrap());
    }
    if let Ok(text) = fs::read_to_string(root.join(".covreportignore")) {
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if let Ok(g) = Glob::new(l) {
                b.add(g);
            }
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}
