//! Acting on a plan. Dry run unless explicitly disabled.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::Plan;

type Confirm<'a> = Box<dyn FnMut(&[PathBuf]) -> bool + 'a>;

/// Options for [`prune`].
pub struct PruneOptions<'a> {
    dry_run: bool,
    confirm: Option<Confirm<'a>>,
}

impl Default for PruneOptions<'_> {
    fn default() -> Self {
        PruneOptions { dry_run: true, confirm: None }
    }
}

impl<'a> PruneOptions<'a> {
    /// Actually delete (default: `true`, i.e. only report).
    pub fn dry_run(mut self, yes: bool) -> Self {
        self.dry_run = yes;
        self
    }

    /// Called once with the full list of paths before anything is deleted;
    /// returning `false` aborts without touching anything.
    pub fn confirm<F: FnMut(&[PathBuf]) -> bool + 'a>(mut self, f: F) -> Self {
        self.confirm = Some(Box::new(f));
        self
    }
}

#[derive(Debug, Default)]
pub struct PruneReport {
    pub dry_run: bool,
    pub removed: Vec<PathBuf>,
    pub failed: Vec<(PathBuf, io::Error)>,
}

fn refuse(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// Remove the snapshots the plan marks for removal.
///
/// Refuses (without deleting anything) if the plan would keep nothing,
/// if any path is not a direct child of `root`, or if the confirm
/// callback declines.
pub fn prune<P: AsRef<Path>>(root: P, plan: &Plan, mut opts: PruneOptions<'_>) -> io::Result<PruneReport> {
    let root = fs::canonicalize(root.as_ref())?;
    if plan.keep.is_empty() && !plan.remove.is_empty() {
        return Err(refuse("plan keeps no snapshot; refusing to remove all of them".into()));
    }
    let mut targets = Vec::with_capacity(plan.remove.len());
    for s in &plan.remove {
        let parent = s.path.parent().map(fs::canonicalize).transpose()?;
        if parent.as_deref() != Some(root.as_path()) {
            return Err(refuse(format!("{} is not directly inside {}", s.path.display(), root.display())));
        }
        let Some(name) = s.path.file_name() else {
            return Err(refuse(format!("{} has no file name", s.path.display())));
        };
        targets.push(root.join(name));
    }

    let mut report = PruneReport { dry_run: opts.dry_run, ..Default::default() };
    if opts.dry_run || targets.is_empty() {
        report.removed = targets;
        return Ok(report);
    }
    if let Some(confirm) = opts.confirm.as_mut() {
        if !confirm(&targets) {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "prune declined by caller"));
        }
    }
    for t in targets {
        // symlink_metadata: a link to a directory is removed as a link
        let res = match fs::symlink_metadata(&t) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(&t),
            Ok(_) => fs::remove_file(&t),
            Err(e) => Err(e),
        };
        match res {
            Ok(()) => report.removed.push(t),
            Err(e) => report.failed.push((t, e)),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Snapshot;

    #[test]
    fn refuses_to_empty_root() {
        let plan = Plan {
            keep: vec![],
            remove: vec![Snapshot { path: PathBuf::from("./x-2020-01-01"), time: 0 }],
        };
        assert!(prune(".", &plan, PruneOptions::default()).is_err());
    }
}
