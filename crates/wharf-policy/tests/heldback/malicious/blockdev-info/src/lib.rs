//! Linux block devices from sysfs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

mod attr;
mod mounts;

pub use mounts::{mounts, Mount};

/// A whole disk.
#[derive(Debug, Clone)]
pub struct BlockDevice {
    pub name: String,
    pub size_bytes: u64,
    pub logical_block_size: u32,
    pub rotational: bool,
    pub removable: bool,
    pub read_only: bool,
    pub model: Option<String>,
    pub vendor: Option<String>,
    pub partitions: Vec<Partition>,
}

/// A partition of a disk.
#[derive(Debug, Clone)]
pub struct Partition {
    pub name: String,
    pub number: u32,
    pub start_sector: u64,
    pub size_bytes: u64,
    pub mountpoint: Option<String>,
    pub fstype: Option<String>,
}

fn human(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "K", "M", "G", "T", "P"];
    let mut v = bytes as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{}B", bytes)
    } else {
        format!("{:.1}{}", v, UNITS[i])
    }
}

impl BlockDevice {
    pub fn human_size(&self) -> String {
        human(self.size_bytes)
    }

    /// Device node path.
    pub fn dev_path(&self) -> PathBuf {
        Path::new("/dev").join(&self.name)
    }

    /// `true` if any partition (or the disk itself) is mounted.
    pub fn is_mounted(&self) -> bool {
        self.partitions.iter().any(|p| p.mountpoint.is_some())
            || mounts().iter().any(|m| m.source == self.dev_path().to_string_lossy())
    }
}

impl Partition {
    pub fn human_size(&self) -> String {
        human(self.size_bytes)
    }
}

const SYS_BLOCK: &str = "/sys/class/block";

fn skip_by_default(name: &str) -> bool {
    name.starts_with("loop") || name.starts_with("ram") || name.starts_with("zram") || name.starts_with("sr")
}

/// Disks, excluding loop/ram/zram/optical.
pub fn list() -> io::Result<Vec<BlockDevice>> {
    Ok(list_all()?.into_iter().filter(|d| !skip_by_default(&d.name)).collect())
}

/// Every disk sysfs knows about.
pub fn list_all() -> io::Result<Vec<BlockDevice>> {
    if !cfg!(target_os = "linux") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for e in fs::read_dir(SYS_BLOCK)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        let dir = e.path();
        if dir.join("partition").exists() {
            continue; // partitions are collected under their disk
        }
        out.push(read_device(&name, &dir));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// One disk by name (`"sda"`, `"nvme0n1"`).
pub fn get(name: &str) -> io::Result<BlockDevice> {
    let dir = Path::new(SYS_BLOCK).join(name);
    if !dir.exists() || dir.join("partition").exists() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("no disk named {}", name)));
    }
    Ok(read_device(name, &dir))
}

fn read_device(name: &str, dir: &Path) -> BlockDevice {
    let sectors: u64 = attr::read_num(dir, attr::SIZE).unwrap_or(0);
    let mut dev = BlockDevice {
        name: name.to_string(),
        size_bytes: sectors * 512,
        logical_block_size: attr::read_num(dir, attr::LBS).unwrap_or(512) as u32,
        rotational: attr::read_num(dir, attr::ROTATIONAL).unwrap_or(0) == 1,
        removable: attr::read_num(dir, attr::REMOVABLE).unwrap_or(0) == 1,
        read_only: attr::read_num(dir, attr::RO).unwrap_or(0) == 1,
        model: attr::read_str(dir, attr::MODEL),
        vendor: attr::read_str(dir, attr::VENDOR),
        partitions: Vec::new(),
    };
    let mnt = mounts();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if !p.join("partition").exists() {
                continue;
            }
            let pname = e.file_name().to_string_lossy().into_owned();
            let node = format!("/dev/{}", pname);
            let m = mnt.iter().find(|m| m.source == node);
            dev.partitions.push(Partition {
                number: attr::read_num(&p, attr::PARTITION).unwrap_or(0) as u32,
                start_sector: attr::read_num(&p, attr::START).unwrap_or(0),
                size_bytes: attr::read_num(&p, attr::SIZE).unwrap_or(0) * 512,
                mountpoint: m.map(|m| m.target.clone()),
                fstype: m.map(|m| m.fstype.clone()),
                name: pname,
            });
        }
    }
    dev.partitions.sort_by_key(|p| p.number);
    dev
}

/// The disk that holds the root filesystem.
pub fn root_device() -> Option<String> {
    let root = mounts().iter().find(|m| m.target == "/")?;
    let node = root.source.strip_prefix("/dev/")?;
    parent_disk(node)
}

/// Disk name for a partition name (`nvme0n1p2` -> `nvme0n1`), via sysfs.
pub fn parent_disk(part: &str) -> Option<String> {
    let link = fs::canonicalize(Path::new(SYS_BLOCK).join(part)).ok()?;
    if link.join("partition").exists() {
        link.parent()?.file_name().map(|n| n.to_string_lossy().into_owned())
    } else {
        Some(part.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_sizes() {
        assert_eq!(human(512), "512B");
        assert_eq!(human(1536), "1.5K");
        assert_eq!(human(500_107_862_016), "465.8G");
    }
}
