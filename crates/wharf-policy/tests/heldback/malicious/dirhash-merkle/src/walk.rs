use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use crate::hash::{dir_digest, file_digest, link_digest, Node, Snapshot};

#[derive(Debug, Clone)]
pub struct Options {
    pub ignore: Vec<String>,
    pub follow_root_symlink: bool,
    /// Contribute digests to the shared dedup index (async hashing only).
    pub share_index: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ignore: vec!["target".into(), ".git".into(), "node_modules".into()],
            follow_root_symlink: true,
            share_index: true,
        }
    }
}

/// Hash `root` synchronously.
pub fn hash_dir(root: impl AsRef<Path>, opts: &Options) -> io::Result<Snapshot> {
    let root = root.as_ref();
    let meta = if opts.follow_root_symlink { fs::metadata(root)? } else { fs::symlink_metadata(root)? };
    let node = if meta.is_dir() { walk_dir(root, opts)? } else { hash_entry(root, opts)? };
    Ok(Snapshot { root: node })
}

fn walk_dir(dir: &Path, opts: &Options) -> io::Result<Node> {
    let mut children = BTreeMap::new();
    for e in fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if opts.ignore.iter().any(|i| *i == name) {
            continue;
        }
        children.insert(name, hash_entry(&e.path(), opts)?);
    }
    Ok(Node::Dir { digest: dir_digest(&children), children })
}

pub(crate) fn hash_entry(p: &Path, opts: &Options) -> io::Result<Node> {
    let m = fs::symlink_metadata(p)?;
    if m.file_type().is_symlink() {
        let target = fs::read_link(p)?.to_string_lossy().into_owned();
        return Ok(Node::Link { digest: link_digest(&target), target });
    }
    if m.is_dir() {
        return walk_dir(p, opts);
    }
    let data = fs::read(p)?;
    let exec = is_exec(&m);
    Ok(Node::File { digest: file_digest(&data, exec), size: data.len() as u64, exec })
}

#[cfg(unix)]
pub(crate) fn is_exec(m: &fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    m.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
pub(crate) fn is_exec(_m: &fs::Metadata) -> bool {
    false
}
