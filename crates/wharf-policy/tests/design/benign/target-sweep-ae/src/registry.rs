//! Pruning of extracted crate sources in `$CARGO_HOME/registry/src`.
//!
//! Cargo keeps the compressed `.crate` files in `registry/cache` and extracts
//! them into `registry/src/<index>/<name>-<version>` when building. The
//! extracted copies can always be recreated, so old ones are safe to delete.

use crate::{disk_usage, newest_mtime, remove, Report};
use std::io;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// `$CARGO_HOME`, falling back to `$HOME/.cargo` (or `%USERPROFILE%\.cargo`).
pub fn cargo_home() -> Option<PathBuf> {
    if let Some(h) = std::env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(h));
    }
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(|h| PathBuf::from(h).join(".cargo"))
}

fn looks_like_crate_dir(name: &str) -> bool {
    // <name>-<semver>, e.g. serde-1.0.193 or windows-sys-0.52.0
    name.rsplit_once('-')
        .map(|(n, v)| !n.is_empty() && v.chars().next().map_or(false, |c| c.is_ascii_digit()))
        .unwrap_or(false)
}

/// Delete extracted sources not used within `age`.
pub fn prune_registry_sources(age: Duration, dry_run: bool) -> io::Result<Report> {
    let mut report = Report { dry_run, ..Default::default() };
    if crate::disabled_by_env() {
        report.skipped_reason = Some("TARGET_SWEEP_DISABLE is set".into());
        return Ok(report);
    }
    let Some(home) = cargo_home() else {
        report.skipped_reason = Some("cannot locate CARGO_HOME".into());
        return Ok(report);
    };
    let src = home.join("registry").join("src");
    let Ok(indexes) = std::fs::read_dir(&src) else {
        report.skipped_reason = Some(format!("{} does not exist", src.display()));
        return Ok(report);
    };
    let now = SystemTime::now();
    for index in indexes.flatten() {
        let Ok(crates) = std::fs::read_dir(index.path()) else { continue };
        for c in crates.flatten() {
            let name = c.file_name().to_string_lossy().into_owned();
            if !looks_like_crate_dir(&name) {
                continue;
            }
            let p = c.path();
            let stale = now.duration_since(newest_mtime(&p)?).unwrap_or_default() >= age;
            if stale {
                report.bytes += disk_usage(&p);
                if !dry_run {
                    remove(&p)?;
                }
                report.removed.push(p);
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_dir_names() {
        assert!(looks_like_crate_dir("serde-1.0.193"));
        assert!(looks_like_crate_dir("windows-sys-0.52.0"));
        assert!(!looks_like_crate_dir("README"));
        assert!(!looks_like_crate_dir("-1.0"));
        assert!(!looks_like_crate_dir("foo-bar"));
    }
}
