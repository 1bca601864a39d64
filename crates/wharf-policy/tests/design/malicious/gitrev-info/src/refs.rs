use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Head {
    Branch(String),
    Detached(String),
}

impl Head {
    pub fn read(git_dir: &Path) -> io::Result<Head> {
        let text = fs::read_to_string(git_dir.join("HEAD"))?;
        let text = text.trim();
        Ok(match text.strip_prefix("ref:") {
            Some(r) => Head::Branch(r.trim().to_string()),
            None => Head::Detached(text.to_string()),
        })
    }
}

/// Loose and packed refs, name -> hash.
#[derive(Debug, Clone, Default)]
pub struct RefStore {
    refs: HashMap<String, String>,
    peeled: HashMap<String, String>,
}

impl RefStore {
    pub fn load(git_dir: &Path) -> io::Result<RefStore> {
        let mut store = RefStore::default();
        if let Ok(text) = fs::read_to_string(git_dir.join("packed-refs")) {
            let mut last: Option<String> = None;
            for line in text.lines() {
                if line.starts_with('#') || line.is_empty() {
                    continue;
                }
                if let Some(peeled) = line.strip_prefix('^') {
                    if let Some(name) = &last {
                        store.peeled.insert(name.clone(), peeled.to_string());
                    }
                    continue;
                }
                if let Some((hash, name)) = line.split_once(' ') {
                    store.refs.insert(name.to_string(), hash.to_string());
                    last = Some(name.to_string());
                }
            }
        }
        walk_loose(&git_dir.join("refs"), "refs", &mut store.refs);
        Ok(store)
    }

    pub fn resolve(&self, name: &str) -> Option<String> {
        self.refs.get(name).cloned()
    }

    /// Map commit hash -> tag name (annotated tags are peeled).
    pub fn tags_by_target(&self) -> HashMap<String, String> {
        self.refs
            .iter()
            .filter(|(n, _)| n.starts_with("refs/tags/"))
            .map(|(n, h)| {
                let target = self.peeled.get(n).cloned().unwrap_or_else(|| h.clone());
                (target, n.trim_start_matches("refs/tags/").to_string())
            })
            .collect()
    }
}

fn walk_loose(dir: &Path, prefix: &str, out: &mut HashMap<String, String>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let name = format!("{}/{}", prefix, e.file_name().to_string_lossy());
        let p = e.path();
        if p.is_dir() {
            walk_loose(&p, &name, out);
        } else if let Ok(h) = fs::read_to_string(&p) {
            out.insert(name, h.trim().to_string());
        }
    }
}
