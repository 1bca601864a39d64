//! Facts about the environment that change how much we can promise.

use std::io::IsTerminal;
use std::path::Path;

/// True when nobody can answer a prompt: stdin is not a TTY, or a CI system is detected.
pub fn non_interactive() -> bool {
    let ci = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD"]
        .iter()
        .any(|v| std::env::var_os(v).map(|x| !x.is_empty()).unwrap_or(false));
    ci || !std::io::stdin().is_terminal()
}

/// A human-readable warning when overwriting in place is unlikely to destroy old blocks.
pub fn media_warning(path: &Path) -> Option<String> {
    if let Some(fs) = cow_filesystem(path) {
        return Some(format!("{} is on {fs} (copy-on-write); old data may survive overwriting", path.display()));
    }
    if on_ssd() {
        return Some("this system has non-rotational disks; overwriting may not reach the old blocks".into());
    }
    None
}

#[cfg(target_os = "linux")]
fn on_ssd() -> bool {
    let Ok(rd) = std::fs::read_dir("/sys/block") else { return false };
    rd.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("loop") || name.starts_with("ram") {
            return false;
        }
        std::fs::read_to_string(e.path().join("queue/rotational")).map(|s| s.trim() == "0").unwrap_or(false)
    })
}

#[cfg(not(target_os = "linux"))]
fn on_ssd() -> bool {
    cfg!(target_os = "macos")
}

#[cfg(target_os = "linux")]
fn cow_filesystem(path: &Path) -> Option<&'static str> {
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    let abs = std::fs::canonicalize(path).ok()?;
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut f = line.split_whitespace();
        let (Some(_dev), Some(mnt), Some(fstype)) = (f.next(), f.next(), f.next()) else { continue };
        if abs.starts_with(mnt) && best.as_ref().map(|(l, _)| mnt.len() > *l).unwrap_or(true) {
            best = Some((mnt.len(), fstype.to_string()));
        }
    }
    match best?.1.as_str() {
        "btrfs" => Some("btrfs"),
        "zfs" => Some("ZFS"),
        "bcachefs" => Some("bcachefs"),
        _ => None,
    }
}

#[cfg(not(target_os = "linux"))]
fn cow_filesystem(_path: &Path) -> Option<&'static str> {
    if cfg!(target_os = "macos") { Some("APFS") } else { None }
}
