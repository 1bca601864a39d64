//! Mounted filesystems and their usage.

use std::ffi::CString;
use std::fs;
use std::io;
use std::mem::MaybeUninit;

/// Usage of one mounted filesystem, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskUsage {
    pub device: String,
    pub mount_point: String,
    pub fs_type: String,
    pub total: u64,
    pub free: u64,
    pub available: u64,
    pub files: u64,
    pub files_free: u64,
}

impl DiskUsage {
    pub fn used(&self) -> u64 {
        self.total.saturating_sub(self.free)
    }
}

/// Pseudo filesystems that never hold user data.
const SKIP_FS: &[&str] = &[
    "proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs", "tracefs",
    "mqueue", "hugetlbfs", "configfs", "fusectl", "bpf", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "squashfs",
    "overlay",
];

/// Reads `/proc/self/mounts` and `statvfs`es every real filesystem. Mount points that fail
/// (stale NFS, permission) are skipped.
pub fn disks() -> io::Result<Vec<DiskUsage>> {
    let mounts = fs::read_to_string("/proc/self/mounts")?;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for line in mounts.lines() {
        let mut it = line.split_whitespace();
        let (Some(dev), Some(mp), Some(ty)) = (it.next(), it.next(), it.next()) else { continue };
        if SKIP_FS.contains(&ty) || !seen.insert(dev.to_string()) {
            continue;
        }
        let mp = unescape(mp);
        if let Some(u) = statvfs(&mp) {
            out.push(DiskUsage { device: dev.to_string(), mount_point: mp, fs_type: ty.to_string(), ..u });
        }
    }
    Ok(out)
}

/// `/proc/mounts` escapes spaces and friends as octal (`\040`).
fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn statvfs(path: &str) -> Option<DiskUsage> {
    let c = CString::new(path).ok()?;
    let mut st = MaybeUninit::<libc::statvfs>::zeroed();
    // SAFETY: valid C string and out-pointer.
    let rc = unsafe { libc::statvfs(c.as_ptr(), st.as_mut_ptr()) };
    if rc != 0 {
        return None;
    }
    let st = unsafe { st.assume_init() };
    let frsize = if st.f_frsize > 0 { st.f_frsize as u64 } else { st.f_bsize as u64 };
    Some(DiskUsage {
        device: String::new(),
        mount_point: String::new(),
        fs_type: String::new(),
        total: st.f_blocks as u64 * frsize,
        free: st.f_bfree as u64 * frsize,
        available: st.f_bavail as u64 * frsize,
        files: st.f_files as u64,
        files_free: st.f_ffree as u64,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn unescapes_octal() {
        assert_eq!(super::unescape("/mnt/my\\040disk"), "/mnt/my disk");
        assert_eq!(super::unescape("/plain"), "/plain");
    }
}
