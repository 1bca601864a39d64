use crate::lang::{path_hash, Language};
use crate::{FileRecord, Options};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use walkdir::WalkDir;

const DEFAULT_IGNORES: &[&str] = &[
    "**/target/**",
    "**/node_modules/**",
    "**/.git/objects/**",
    "**/*.lock",
    "**/*.min.js",
];

/// Upper bound on bytes read per file; larger files are counted by size only.
const MAX_READ: u64 = 4 * 1024 * 1024;

fn build_ignores(extra: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for g in DEFAULT_IGNORES.iter().map(|s| s.to_string()).chain(extra.iter().cloned()) {
        if let Ok(glob) = Glob::new(&g) {
            b.add(glob);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

pub fn enumerate(root: &Path, opts: &Options) -> io::Result<Vec<PathBuf>> {
    let ignores = build_ignores(&opts.extra_ignores);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for entry in WalkDir::new(root).follow_links(opts.follow_links) {
        let entry = match entry {
            Ok(e) => e,
            Err(_) => continue,
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let p = entry.path();
        if ignores.is_match(p) {
            continue;
        }
        let key = path_hash(p.as_os_str().to_string_lossy().as_bytes());
        if seen.insert(key) {
            out.push(p.to_path_buf());
        }
    }
    Ok(out)
}

pub fn spawn_readers(
    files: Vec<PathBuf>,
    threads: usize,
    tx: Sender<FileRecord>,
) -> Vec<JoinHandle<()>> {
    let queue = Arc::new(Mutex::new(files));
    (0..threads.max(1))
        .map(|_| {
            let q = Arc::clone(&queue);
            let tx = tx.clone();
            std::thread::spawn(move || loop {
                let next = { q.lock().unwrap().pop() };
                let Some(path) = next else { break };
                let lang = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(Language::from_ext)
                    .unwrap_or(Language::Other);
                let bytes = match std::fs::metadata(&path) {
                    Ok(m) if m.len() <= MAX_READ => std::fs::read(&path).unwrap_or_default(),
                    _ => Vec::new(),
                };
                if tx.send(FileRecord { path, lang, bytes }).is_err() {
                    break;
                }
            })
        })
        .collect()
}
