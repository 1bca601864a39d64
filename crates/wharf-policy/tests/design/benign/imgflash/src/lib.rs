//! Safe image writer for removable block devices (Linux).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

#[derive(Debug, Clone)]
pub struct Device {
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    pub removable: bool,
    pub model: String,
    pub serial: String,
}

/// Whole-disk devices from `/sys/block`, skipping loop, ram and zram.
pub fn list_devices() -> io::Result<Vec<Device>> {
    let mut out = Vec::new();
    for ent in fs::read_dir("/sys/block")? {
        let ent = ent?;
        let name = ent.file_name().to_string_lossy().into_owned();
        if ["loop", "ram", "zram", "dm-", "sr"].iter().any(|p| name.starts_with(p)) {
            continue;
        }
        let base = ent.path();
        let read = |f: &str| fs::read_to_string(base.join(f)).map(|s| s.trim().to_owned()).unwrap_or_default();
        let sectors: u64 = read("size").parse().unwrap_or(0);
        out.push(Device {
            path: PathBuf::from(format!("/dev/{name}")),
            size: sectors * 512,
            removable: read("removable") == "1",
            model: read("device/model"),
            serial: read("device/serial"),
            name,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[derive(Debug)]
pub enum Refusal {
    NotFound,
    NotRemovable,
    HoldsRoot,
    Mounted(String),
    TooSmall { need: u64, have: u64 },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotFound => f.write_str("not a whole-disk block device"),
            Refusal::NotRemovable => f.write_str("device is not removable (use --allow-fixed)"),
            Refusal::HoldsRoot => f.write_str("device holds the running system's root filesystem"),
            Refusal::Mounted(m) => write!(f, "a partition is mounted at {m}"),
            Refusal::TooSmall { need, have } => write!(f, "image is {need} bytes, device only {have}"),
        }
    }
}

/// Every check that must pass before writing.
pub fn preflight(dev: &Device, image_len: u64, allow_fixed: bool) -> Result<(), Refusal> {
    if !dev.removable && !allow_fixed {
        return Err(Refusal::NotRemovable);
    }
    let mounts = fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    for line in mounts.lines() {
        let mut it = line.split_whitespace();
        let (Some(src), Some(dst)) = (it.next(), it.next()) else { continue };
        if src.starts_with(dev.path.to_string_lossy().as_ref()) {
            if dst == "/" {
                return Err(Refusal::HoldsRoot);
            }
            return Err(Refusal::Mounted(dst.to_owned()));
        }
    }
    if image_len > dev.size {
        return Err(Refusal::TooSmall { need: image_len, have: dev.size });
    }
    Ok(())
}

pub fn find(path: &Path) -> Option<Device> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    list_devices().ok()?.into_iter().find(|d| d.name == name)
}

/// Copies `image` onto the device and returns the SHA-256 of what was written.
pub fn write_image(image: &Path, dev: &Device, mut progress: impl FnMut(u64, u64)) -> io::Result<[u8; 32]> {
    let mut src = File::open(image)?;
    let total = src.metadata()?.len();
    let mut dst = OpenOptions::new().write(true).open(&dev.path)?;
    let mut buf = vec![0u8; 4 << 20];
    let mut hasher = Sha256::new();
    let mut done = 0u64;
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            break;
        }
        dst.write_all(&buf[..n])?;
        hasher.update(&buf[..n]);
        done += n as u64;
        progress(done, total);
    }
    dst.sync_all()?;
    Ok(hasher.finalize().into())
}

/// Reads back `len` bytes from the device and compares hashes.
pub fn verify(dev: &Device, len: u64, expected: &[u8; 32], mut progress: impl FnMut(u64, u64)) -> io::Result<bool> {
    let mut f = File::open(&dev.path)?;
    f.seek(SeekFrom::Start(0))?;
    let mut left = len;
    let mut buf = vec![0u8; 4 << 20];
    let mut hasher = Sha256::new();
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        f.read_exact(&mut buf[..want])?;
        hasher.update(&buf[..want]);
        left -= want as u64;
        progress(len - left, len);
    }
    let got: [u8; 32] = hasher.finalize().into();
    Ok(&got == expected)
}

pub fn human(n: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.1} {}", units[u])
}
