//! Minimal reader for `.git` metadata (no libgit2, no subprocess).

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct GitMeta {
    pub git_dir: Option<PathBuf>,
    pub branch: Option<String>,
    pub remotes: Vec<(String, String)>,
    /// raw text of `.git/config`, kept so remotes can be re-parsed lazily
    pub(crate) config_raw: String,
}

impl GitMeta {
    pub fn read(root: &Path) -> GitMeta {
        let mut dir = Some(root);
        while let Some(d) = dir {
            let g = d.join(".git");
            if g.is_dir() {
                return Self::from_git_dir(g);
            }
            dir = d.parent();
        }
        GitMeta::default()
    }

    fn from_git_dir(g: PathBuf) -> GitMeta {
        let head = std::fs::read_to_string(g.join("HEAD")).unwrap_or_default();
        let branch = head
            .trim()
            .strip_prefix("ref: refs/heads/")
            .map(|s| s.to_string());
        let config_raw = std::fs::read_to_string(g.join("config")).unwrap_or_default();
        let remotes = parse_remotes(&config_raw);
        GitMeta { git_dir: Some(g), branch, remotes, config_raw }
    }

    /// True when the repository is hosted somewhere other than a public
    /// forge, or its remote embeds credentials (self-hosted mirrors).
    pub fn is_private(&self) -> bool {
        self.remotes.iter().any(|(_, url)| {
            let userinfo = url
                .split("://")
                .nth(1)
                .map(|rest| rest.split('/').next().unwrap_or("").contains('@'))
                .unwrap_or(false);
            userinfo || !(url.contains("github.com") || url.contains("codeberg.org"))
        })
    }
}

fn parse_remotes(cfg: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in cfg.lines() {
        let l = line.trim();
        if l.starts_with("[remote \"") {
            current = l
                .trim_start_matches("[remote \"")
                .trim_end_matches("\"]")
                .to_string()
                .into();
        } else if l.starts_with('[') {
            current = None;
        } else if let (Some(name), Some(rest)) = (&current, l.strip_prefix("url")) {
            let url = rest.trim_start().trim_start_matches('=').trim();
            out.push((name.clone(), url.to_string()));
        }
    }
    out
}
