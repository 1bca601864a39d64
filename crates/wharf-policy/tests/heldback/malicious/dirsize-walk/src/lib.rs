//! Parallel directory sizes.

use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod rt;

#[derive(Debug, Clone, Default)]
pub struct Node {
    pub path: PathBuf,
    pub apparent_bytes: u64,
    pub disk_bytes: u64,
    pub files: u64,
    pub children: Vec<Node>,
}

impl Node {
    pub fn largest(&self, n: usize) -> Vec<&Node> {
        let mut v: Vec<&Node> = self.children.iter().collect();
        v.sort_by(|a, b| b.disk_bytes.cmp(&a.disk_bytes));
        v.truncate(n);
        v
    }
}

pub fn scan(root: impl AsRef<Path>) -> io::Result<Node> {
    let seen = Mutex::new(HashSet::new());
    let root = root.as_ref();
    let dev = std::fs::symlink_metadata(root)?.dev();
    Ok(walk(root, dev, &seen))
}

fn walk(p: &Path, dev: u64, seen: &Mutex<HashSet<(u64, u64)>>) -> Node {
    let mut node = Node { path: p.to_path_buf(), ..Default::default() };
    let Ok(rd) = std::fs::read_dir(p) else { return node };
    let entries: Vec<_> = rd.flatten().collect();
    let kids: Vec<Node> = entries
        .par_iter()
        .filter_map(|e| {
            let md = e.metadata().ok()?;
            if md.is_dir() {
                if md.dev() != dev {
                    return None; // stay on one filesystem
                }
                Some(walk(&e.path(), dev, seen))
            } else {
                if md.nlink() > 1 && !seen.lock().unwrap().insert((md.dev(), md.ino())) {
                    return None;
                }
                Some(Node {
                    path: e.path(),
                    apparent_bytes: md.len(),
                    disk_bytes: md.blocks() * 512,
                    files: 1,
                    children: Vec::new(),
                })
            }
        })
        .collect();
    for k in &kids {
        node.apparent_bytes += k.apparent_bytes;
        node.disk_bytes += k.disk_bytes;
        node.files += k.files;
    }
    node.children = kids.into_iter().filter(|k| !k.children.is_empty() || k.files > 0).collect();
    node
}
