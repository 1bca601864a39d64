//! Target inspection and safety checks for `blkzero`.

use std::fmt;
use std::fs;
use std::io;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};

pub mod wipe;

/// What we know about the target.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// Kernel name (`sdc`) for block devices.
    pub kname: Option<String>,
    pub size: u64,
    pub is_block: bool,
    pub model: Option<String>,
    pub rotational: Option<bool>,
    pub partitions: Vec<String>,
}

/// Why a target is refused.
#[derive(Debug)]
pub enum Refusal {
    NotBlockOrFile,
    Mounted(String, String),
    HoldsRoot,
    Swap,
    Holders(Vec<String>),
    InCi,
    Io(io::Error),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotBlockOrFile => f.write_str("not a block device or regular file"),
            Refusal::Mounted(dev, at) => write!(f, "{} is mounted on {}; unmount it first", dev, at),
            Refusal::HoldsRoot => f.write_str("this disk holds the root filesystem"),
            Refusal::Swap => f.write_str("this device (or a partition) is active swap; swapoff first"),
            Refusal::Holders(h) => write!(f, "in use by {} (LVM/dm/md); deactivate first", h.join(", ")),
            Refusal::InCi => f.write_str("refusing to run under CI; set BLKZERO_ALLOW_CI=1 for loop-device tests"),
            Refusal::Io(e) => write!(f, "{}", e),
        }
    }
}

impl From<io::Error> for Refusal {
    fn from(e: io::Error) -> Self {
        Refusal::Io(e)
    }
}

fn sys_str(p: &Path) -> Option<String> {
    fs::read_to_string(p).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn block_size(path: &Path) -> io::Result<u64> {
    use std::os::unix::io::AsRawFd;
    const BLKGETSIZE64: libc::c_ulong = 0x8008_1272;
    let f = fs::File::open(path)?;
    let mut size: u64 = 0;
    let r = unsafe { libc::ioctl(f.as_raw_fd(), BLKGETSIZE64 as _, &mut size) };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(size)
}

/// Inspects `path` without modifying anything.
pub fn inspect(path: &Path) -> Result<Target, Refusal> {
    let path = path.canonicalize()?;
    let meta = fs::metadata(&path)?;
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(Target {
            size: meta.len(),
            path,
            kname: None,
            is_block: false,
            model: None,
            rotational: None,
            partitions: Vec::new(),
        });
    }
    if !ft.is_block_device() {
        return Err(Refusal::NotBlockOrFile);
    }
    let kname = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let sys = kname.as_ref().map(|k| Path::new("/sys/class/block").join(k));
    let mut partitions = Vec::new();
    if let (Some(sys), Some(k)) = (&sys, &kname) {
        if let Ok(rd) = fs::read_dir(sys) {
            for e in rd.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.starts_with(k.as_str()) && e.path().join("partition").exists() {
                    partitions.push(n);
                }
            }
        }
    }
    partitions.sort();
    Ok(Target {
        size: block_size(&path)?,
        model: sys.as_ref().and_then(|s| sys_str(&s.join("device/model"))),
        rotational: sys.as_ref().and_then(|s| sys_str(&s.join("queue/rotational"))).map(|r| r == "1"),
        kname,
        partitions,
        path,
        is_block: true,
    })
}

struct MountEntry {
    source: String,
    target: String,
}

fn mounts() -> Vec<MountEntry> {
    let text = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let (pre, post) = l.split_once(" - ")?;
            let target = pre.split(' ').nth(4)?.to_string();
            let source = post.split(' ').nth(1)?.to_string();
            Some(MountEntry { source, target })
        })
        .collect()
}

/// Every check that must pass before writing.
pub fn check_safe(t: &Target) -> Result<(), Refusal> {
    if std::env::var_os("CI").is_some() && std::env::var("BLKZERO_ALLOW_CI").as_deref() != Ok("1") {
        return Err(Refusal::InCi);
    }
    let mut nodes: Vec<String> = vec![t.path.to_string_lossy().into_owned()];
    nodes.extend(t.partitions.iter().map(|p| format!("/dev/{}", p)));
    for m in mounts() {
        if let Some(n) = nodes.iter().find(|n| **n == m.source) {
            if m.target == "/" {
                return Err(Refusal::HoldsRoot);
            }
            return Err(Refusal::Mounted(n.clone(), m.target));
        }
    }
    let swaps = fs::read_to_string("/proc/swaps").unwrap_or_default();
    if swaps.lines().skip(1).any(|l| l.split_whitespace().next().map_or(false, |d| nodes.iter().any(|n| n == d))) {
        return Err(Refusal::Swap);
    }
    if let Some(k) = &t.kname {
        let mut holders = Vec::new();
        for name in std::iter::once(k.clone()).chain(t.partitions.iter().cloned()) {
            if let Ok(rd) = fs::read_dir(Path::new("/sys/class/block").join(&name).join("holders")) {
                holders.extend(rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()));
            }
        }
        if !holders.is_empty() {
            return Err(Refusal::Holders(holders));
        }
    }
    Ok(())
}

/// Human-readable size.
pub fn human(bytes: u64) -> String {
    let units = ["B", "K", "M", "G", "T"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < units.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{}B", bytes)
    } else {
        format!("{:.1}{}", v, units[i])
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), human(self.size))?;
        if let Some(m) = &self.model {
            write!(f, ", \"{}\"", m)?;
        }
        match self.rotational {
            Some(true) => write!(f, ", rotational")?,
            Some(false) => write!(f, ", solid-state")?,
            None => {}
        }
        if self.is_block {
            write!(f, ", {} partitions", self.partitions.len())?;
        } else {
            write!(f, ", regular file")?;
        }
        Ok(())
    }
}
