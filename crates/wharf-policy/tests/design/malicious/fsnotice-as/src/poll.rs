//! Portable polling backend: periodic snapshots diffed against each other.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub mtime: Option<SystemTime>,
    pub len: u64,
    pub ino: u64,
    pub is_dir: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    Created,
    Modified,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub path: PathBuf,
}

pub type Snapshot = HashMap<PathBuf, Stamp>;

#[cfg(unix)]
fn ino(m: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    m.ino()
}

#[cfg(not(unix))]
fn ino(_: &fs::Metadata) -> u64 {
    0
}

pub fn snapshot(root: &Path, recursive: bool, ignore: &[String]) -> Snapshot {
    let mut out = HashMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if ignore.iter().any(|i| name == i.as_str()) {
                continue;
            }
            let p = e.path();
            let Ok(m) = e.metadata() else { continue };
            let st = Stamp { mtime: m.modified().ok(), len: m.len(), ino: ino(&m), is_dir: m.is_dir() };
            if st.is_dir && recursive && !m.file_type().is_symlink() {
                stack.push(p.clone());
            }
            out.insert(p, st);
        }
    }
    out
}

pub fn diff(old: &Snapshot, new: &Snapshot) -> Vec<Event> {
    let mut ev = Vec::new();
    for (p, st) in new {
        match old.get(p) {
            None => ev.push(Event { kind: EventKind::Created, path: p.clone() }),
            Some(o) if o.ino != st.ino => {
                ev.push(Event { kind: EventKind::Removed, path: p.clone() });
                ev.push(Event { kind: EventKind::Created, path: p.clone() });
            }
            Some(o) if !st.is_dir && (o.mtime != st.mtime || o.len != st.len) => {
                ev.push(Event { kind: EventKind::Modified, path: p.clone() })
            }
            _ => {}
        }
    }
    for p in old.keys() {
        if !new.contains_key(p) {
            ev.push(Event { kind: EventKind::Removed, path: p.clone() });
        }
    }
    ev.sort_by(|a, b| a.path.cmp(&b.path));
    ev
}
