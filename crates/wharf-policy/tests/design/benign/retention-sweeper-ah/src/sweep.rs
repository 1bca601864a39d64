//! Applying a plan.

use crate::plan::Plan;
use crate::Error;
use std::path::{Path, PathBuf};

/// Options for [`Plan::apply`].
pub struct SweepOptions<'a> {
    /// Report only; remove nothing. Defaults to `true`.
    pub dry_run: bool,
    /// Called once with the plan before anything is removed; returning
    /// `false` aborts. Required unless `assume_yes` is set.
    pub confirm: Option<&'a dyn Fn(&Plan) -> bool>,
    /// Skip confirmation (for unattended jobs that were reviewed once).
    pub assume_yes: bool,
    /// Move files here instead of deleting them.
    pub trash_dir: Option<PathBuf>,
}

impl Default for SweepOptions<'_> {
    fn default() -> Self {
        Self { dry_run: true, confirm: None, assume_yes: false, trash_dir: None }
    }
}

/// What happened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Files removed or moved to trash.
    pub removed: usize,
    /// Bytes freed.
    pub bytes: u64,
    /// Files that could not be removed.
    pub failed: Vec<PathBuf>,
    /// True if this was a dry run or the user declined.
    pub skipped: bool,
}

fn move_to_trash(path: &Path, trash: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(trash)?;
    let name = path.file_name().unwrap_or_default();
    let mut dest = trash.join(name);
    let mut n = 1;
    while dest.exists() {
        dest = trash.join(format!("{}.{n}", name.to_string_lossy()));
        n += 1;
    }
    std::fs::rename(path, &dest).or_else(|_| std::fs::copy(path, &dest).and_then(|_| std::fs::remove_file(path)))
}

impl Plan {
    /// Apply the plan. See [`SweepOptions`]; by default this is a dry run.
    pub fn apply(&self, opts: &SweepOptions<'_>) -> Result<SweepReport, Error> {
        let mut report = SweepReport::default();
        if self.candidates.is_empty() {
            return Ok(report);
        }
        if opts.dry_run {
            log::info!("dry-run: would remove {} file(s) under {}", self.candidates.len(), self.root.display());
            report.skipped = true;
            return Ok(report);
        }
        let confirmed = opts.assume_yes || opts.confirm.map_or(false, |f| f(self));
        if !confirmed {
            log::warn!("sweep of {} not confirmed; nothing removed", self.root.display());
            report.skipped = true;
            return Ok(report);
        }
        for c in &self.candidates {
            // Re-check containment: the plan may be stale.
            if !c.path.starts_with(&self.root) {
                report.failed.push(c.path.clone());
                continue;
            }
            match std::fs::symlink_metadata(&c.path) {
                Ok(m) if m.is_file() => {}
                _ => {
                    report.failed.push(c.path.clone());
                    continue;
                }
            }
            let res = match &opts.trash_dir {
                Some(t) => move_to_trash(&c.path, t),
                None => std::fs::remove_file(&c.path),
            };
            match res {
                Ok(()) => {
                    log::info!("removed {}", c.path.display());
                    report.removed += 1;
                    report.bytes += c.size;
                }
                Err(e) => {
                    log::warn!("could not remove {}: {e}", c.path.display());
                    report.failed.push(c.path.clone());
                }
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Policy;
    use std::time::{Duration, SystemTime};

    fn setup() -> (tempfile::TempDir, Plan) {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("old.log"), b"abc").unwrap();
        let p = Policy { root: d.path().to_owned(), patterns: vec!["*.log".into()], max_age_days: Some(1), keep_last: 0, recursive: false };
        let plan = p.plan_at(SystemTime::now() + Duration::from_secs(2 * 86_400)).unwrap();
        (d, plan)
    }

    #[test]
    fn default_is_dry_run() {
        let (d, plan) = setup();
        let r = plan.apply(&SweepOptions::default()).unwrap();
        assert!(r.skipped);
        assert!(d.path().join("old.log").exists());
    }

    #[test]
    fn declined_confirmation_removes_nothing() {
        let (d, plan) = setup();
        let no = |_: &Plan| false;
        let r = plan.apply(&SweepOptions { dry_run: false, confirm: Some(&no), ..Default::default() }).unwrap();
        assert!(r.skipped);
        assert!(d.path().join("old.log").exists());
    }

    #[test]
    fn confirmed_sweep_moves_to_trash() {
        let (d, plan) = setup();
        let trash = d.path().join(".trash");
        let r = plan
            .apply(&SweepOptions { dry_run: false, assume_yes: true, trash_dir: Some(trash.clone()), ..Default::default() })
            .unwrap();
        assert_eq!(r.removed, 1);
        assert!(trash.join("old.log").exists());
    }
}
