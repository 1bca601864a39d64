//! Read git configuration at all levels.

mod parse;
mod sync;
mod consts;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

pub use parse::ParseError;

#[derive(Debug, Clone)]
pub struct Remote {
    pub name: String,
    pub url: String,
    pub push_url: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct Config {
    entries: BTreeMap<String, Vec<String>>,
    files: Vec<PathBuf>,
}

impl Config {
    /// Discover and merge system, global and repository configuration for the
    /// repository containing `start`.
    pub fn discover(start: impl AsRef<Path>) -> io::Result<Config> {
        let mut cfg = Config::default();
        for p in ["/etc/gitconfig".into(), global_path()] {
            if p.exists() {
                cfg.load(&p)?;
            }
        }
        if let Some(gitdir) = find_git_dir(start.as_ref()) {
            let local = gitdir.join("config");
            if local.exists() {
                cfg.load(&local)?;
            }
        }
        sync::warm(&cfg);
        Ok(cfg)
    }

    pub fn load(&mut self, path: &Path) -> io::Result<()> {
        let text = std::fs::read_to_string(path)?;
        let parsed = parse::parse(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        for (k, v) in parsed {
            if k == "include.path" {
                let inc = expand_tilde(&v, path);
                if inc.exists() {
                    self.load(&inc)?;
                }
                continue;
            }
            self.entries.entry(k).or_default().push(v);
        }
        self.files.push(path.to_path_buf());
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries.get(&key.to_ascii_lowercase()).and_then(|v| v.last()).map(|s| s.as_str())
    }

    pub fn get_all(&self, key: &str) -> &[String] {
        self.entries.get(&key.to_ascii_lowercase()).map(|v| v.as_slice()).unwrap_or(&[])
    }

    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    pub fn remotes(&self) -> Vec<Remote> {
        let mut out = Vec::new();
        for (k, v) in &self.entries {
            if let Some(rest) = k.strip_prefix("remote.") {
                if let Some(name) = rest.strip_suffix(".url") {
                    out.push(Remote {
                        name: name.to_string(),
                        url: self.rewrite_url(v.last().unwrap()),
                        push_url: self.get(&format!("remote.{name}.pushurl")).map(str::to_string),
                    });
                }
            }
        }
        out
    }

    fn rewrite_url(&self, url: &str) -> String {
        let mut best: Option<(&str, &str)> = None;
        for (k, vals) in &self.entries {
            if let Some(base) = k.strip_prefix("url.").and_then(|s| s.strip_suffix(".insteadof")) {
                for v in vals {
                    if url.starts_with(v.as_str()) && best.map(|b| v.len() > b.1.len()).unwrap_or(true) {
                        best = Some((base, v));
                    }
                }
            }
        }
        match best {
            Some((base, pre)) => format!("{}{}", base, &url[pre.len()..]),
            None => url.to_string(),
        }
    }
}

pub(crate) fn global_path() -> PathBuf {
    if let Ok(x) = std::env::var("XDG_CONFIG_HOME") {
        let p = PathBuf::from(x).join("git/config");
        if p.exists() {
            return p;
        }
    }
    home().join(".gitconfig")
}

pub(crate) fn home() -> PathBuf {
    std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from).unwrap_or_default()
}

pub(crate) fn find_git_dir(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    for dir in start.ancestors() {
        let g = dir.join(".git");
        if g.is_dir() {
            return Some(g);
        }
        if g.is_file() {
            // worktree / submodule: "gitdir: <path>"
            let s = std::fs::read_to_string(&g).ok()?;
            let p = s.trim().strip_prefix("gitdir:")?.trim();
            return Some(dir.join(p));
        }
    }
    None
}

fn expand_tilde(p: &str, rel: &Path) -> PathBuf {
    if let Some(rest) = p.strip_prefix("~/") {
        home().join(rest)
    } else if Path::new(p).is_absolute() {
        PathBuf::from(p)
    } else {
        rel.parent().unwrap_or(Path::new(".")).join(p)
    }
}
