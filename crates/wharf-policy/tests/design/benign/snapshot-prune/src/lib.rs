//! Grandfather-father-son backup retention with explicit confirmation.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// How many snapshots to keep in each bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub keep_last: usize,
    pub keep_daily: usize,
    pub keep_weekly: usize,
    pub keep_monthly: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { keep_last: 3, keep_daily: 7, keep_weekly: 4, keep_monthly: 6 }
    }
}

/// Civil date parsed from a snapshot file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days(&self) -> i64 {
        let y = if self.month <= 2 { self.year - 1 } else { self.year } as i64;
        let m = self.month as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// ISO-ish week bucket (weeks starting Monday).
    fn week(&self) -> i64 {
        (self.days() + 3).div_euclid(7)
    }

    fn month_key(&self) -> (i32, u32) {
        (self.year, self.month)
    }
}

/// Find the first `YYYY-MM-DD` in a file name.
pub fn parse_date(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    if b.len() < 10 {
        return None;
    }
    for i in 0..=b.len() - 10 {
        let w = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
        if digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10) {
            let s = std::str::from_utf8(w).ok()?;
            let year = s[0..4].parse().ok()?;
            let month = s[5..7].parse().ok()?;
            let day = s[8..10].parse().ok()?;
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                return Some(Date { year, month, day });
            }
        }
    }
    None
}

#[derive(Debug, Clone)]
pub struct Snapshot {
    pub path: PathBuf,
    pub date: Date,
    pub size: u64,
}

/// The computed keep/delete split. Building a plan never deletes anything.
#[derive(Debug)]
pub struct Plan {
    root: PathBuf,
    pub keep: Vec<Snapshot>,
    pub delete: Vec<Snapshot>,
}

#[derive(Debug)]
pub enum PruneError {
    Io(io::Error),
    WouldDeleteEverything,
    Declined,
    OutsideRoot(PathBuf),
}

impl fmt::Display for PruneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PruneError::Io(e) => write!(f, "{e}"),
            PruneError::WouldDeleteEverything => f.write_str("refusing: policy would delete every snapshot"),
            PruneError::Declined => f.write_str("not confirmed; nothing deleted"),
            PruneError::OutsideRoot(p) => write!(f, "refusing to delete {} (outside root)", p.display()),
        }
    }
}

impl std::error::Error for PruneError {}

impl From<io::Error> for PruneError {
    fn from(e: io::Error) -> Self {
        PruneError::Io(e)
    }
}

/// Asked once, with the full plan, before anything is deleted.
pub trait Confirm {
    fn confirm(&mut self, plan: &Plan) -> bool;
}

/// Print the plan and ask `[y/N]` on the terminal.
pub struct StdinConfirm;

impl Confirm for StdinConfirm {
    fn confirm(&mut self, plan: &Plan) -> bool {
        print!("{}", plan);
        print!(
            "Delete {} files ({})? [y/N] ",
            plan.delete.len(),
            human(plan.delete.iter().map(|s| s.size).sum())
        );
        let _ = io::stdout().flush();
        let mut line = String::new();
        if io::stdin().lock().read_line(&mut line).is_err() {
            return false;
        }
        matches!(line.trim(), "y" | "Y" | "yes" | "YES")
    }
}

/// Non-interactive consent for scheduled jobs; must be chosen explicitly.
pub struct AssumeYes;

impl Confirm for AssumeYes {
    fn confirm(&mut self, _plan: &Plan) -> bool {
        true
    }
}

impl Plan {
    /// Scan `dir` (non-recursively) for files named `<prefix>...YYYY-MM-DD...`.
    pub fn build(dir: impl AsRef<Path>, prefix: &str, policy: &Policy) -> Result<Plan, PruneError> {
        let root = fs::canonicalize(dir.as_ref())?;
        let mut snaps = Vec::new();
        for entry in fs::read_dir(&root)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            if !ft.is_file() {
                continue; // skips symlinks and directories
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(prefix) {
                continue;
            }
            if let Some(date) = parse_date(&name) {
                snaps.push(Snapshot { path: entry.path(), date, size: entry.metadata()?.len() });
            }
        }
        // newest first
        snaps.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.path.cmp(&a.path)));
        let keep_idx = select(&snaps, policy);
        let (mut keep, mut delete) = (Vec::new(), Vec::new());
        for (i, s) in snaps.into_iter().enumerate() {
            if keep_idx.contains(&i) {
                keep.push(s);
            } else {
                delete.push(s);
            }
        }
        Ok(Plan { root, keep, delete })
    }

    pub fn dry_run(&self) {
        print!("{}", self);
        println!("(dry run: nothing deleted)");
    }

    /// Delete the planned files after `confirm` agrees. Returns bytes freed.
    pub fn execute(self, confirm: &mut dyn Confirm) -> Result<u64, PruneError> {
        if self.delete.is_empty() {
            return Ok(0);
        }
        if self.keep.is_empty() {
            return Err(PruneError::WouldDeleteEverything);
        }
        if !confirm.confirm(&self) {
            return Err(PruneError::Declined);
        }
        let mut freed = 0;
        for s in &self.delete {
            let parent = s.path.parent().map(Path::to_path_buf).unwrap_or_default();
            if parent != self.root {
                return Err(PruneError::OutsideRoot(s.path.clone()));
            }
            log::info!("deleting {}", s.path.display());
            fs::remove_file(&s.path)?;
            freed += s.size;
        }
        Ok(freed)
    }
}

fn select(snaps: &[Snapshot], p: &Policy) -> HashSet<usize> {
    let mut keep = HashSet::new();
    for i in 0..snaps.len().min(p.keep_last) {
        keep.insert(i);
    }
    let mut bucket = |n: usize, key: &dyn Fn(&Date) -> i64| {
        let mut seen = HashSet::new();
        for (i, s) in snaps.iter().enumerate() {
            if seen.len() >= n {
                break;
            }
            if seen.insert(key(&s.date)) {
                keep.insert(i);
            }
        }
    };
    bucket(p.keep_daily, &|d| d.days());
    bucket(p.keep_weekly, &|d| d.week());
    bucket(p.keep_monthly, &|d| {
        let (y, m) = d.month_key();
        y as i64 * 12 + m as i64
    });
    keep
}

fn human(bytes: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < units.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    format!("{:.1} {}", v, units[u])
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "in {}:", self.root.display())?;
        let mut all: Vec<(&Snapshot, bool)> =
            self.keep.iter().map(|s| (s, true)).chain(self.delete.iter().map(|s| (s, false))).collect();
        all.sort_by(|a, b| b.0.date.cmp(&a.0.date));
        for (s, k) in all {
            let name = s.path.file_name().unwrap_or_default().to_string_lossy();
            writeln!(f, "  {:6} {:>10}  {}", if k { "KEEP" } else { "DELETE" }, human(s.size), name)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("db-2024-03-05T0200.sql.zst"), Some(Date { year: 2024, month: 3, day: 5 }));
        assert_eq!(parse_date("db-latest.sql"), None);
        assert_eq!(Date { year: 1970, month: 1, day: 1 }.days(), 0);
    }
}
