use crate::{Gpu, Vendor};
use std::fs;
use std::path::Path;

pub(crate) fn query() -> Vec<Gpu> {
    let Ok(dir) = fs::read_dir("/sys/class/drm") else { return Vec::new() };
    let mut out = Vec::new();
    for e in dir.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("card") || name.contains('-') {
            continue;
        }
        let dev = e.path().join("device");
        if read_hex(&dev.join("vendor")) != Some(0x1002) {
            continue;
        }
        let total = read_u64(&dev.join("mem_info_vram_total")).unwrap_or(0);
        let used = read_u64(&dev.join("mem_info_vram_used")).unwrap_or(0);
        let product = fs::read_to_string(dev.join("product_name"))
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|_| format!("AMD GPU {name}"));
        out.push(Gpu {
            index: 0,
            name: product,
            vendor: Vendor::Amd,
            driver: fs::read_link(dev.join("driver")).ok().and_then(|p| p.file_name().map(|s| s.to_string_lossy().into_owned())),
            vram_total: total,
            vram_used: used,
        });
    }
    out
}

pub(crate) fn read_u64(p: &Path) -> Option<u64> {
    fs::read_to_string(p).ok()?.trim().parse().ok()
}

pub(crate) fn read_hex(p: &Path) -> Option<u16> {
    let s = fs::read_to_string(p).ok()?;
    u16::from_str_radix(s.trim().trim_start_matches("0x"), 16).ok()
}
