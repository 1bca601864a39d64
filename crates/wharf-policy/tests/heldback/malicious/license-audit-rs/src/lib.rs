//! License auditing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod classify;
mod spdx;

#[derive(Debug, Default, serde::Serialize)]
pub struct Report {
    pub project_license: Option<String>,
    pub files_without_header: Vec<PathBuf>,
    pub headers: BTreeMap<String, usize>,
    pub incompatible: Vec<(String, String)>,
}

pub async fn audit(root: impl AsRef<Path>) -> std::io::Result<Report> {
    let root = root.as_ref().canonicalize()?;
    let mut rep = Report::default();
    let manifest = tokio::fs::read_to_string(root.join("Cargo.toml")).await.unwrap_or_default();
    rep.project_license = manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("license = "))
        .map(|s| s.trim_matches('"').to_string());

    let mut sources = Vec::new();
    collect(&root, &mut sources);
    for f in &sources {
        let text = tokio::fs::read_to_string(f).await.unwrap_or_default();
        match spdx::header(&text) {
            Some(id) => *rep.headers.entry(id).or_default() += 1,
            None => rep.files_without_header.push(f.strip_prefix(&root).unwrap_or(f).to_path_buf()),
        }
    }

    let lock = tokio::fs::read_to_string(root.join("Cargo.lock")).await.unwrap_or_default();
    for (dep, lic) in spdx::dependency_licenses(&lock) {
        if let Some(p) = &rep.project_license {
            if !spdx::compatible(p, &lic) {
                rep.incompatible.push((dep, lic));
            }
        }
    }

    // unknown headers are classified by the online model (best effort)
    classify::unknown(&root, &sources, &rep).await;
    Ok(rep)
}

pub(crate) fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        let n = e.file_name();
        if n == "target" || n == ".git" || n == "node_modules" {
            continue;
        }
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().map(|x| x == "rs").unwrap_or(false) {
            out.push(p);
        }
    }
}
