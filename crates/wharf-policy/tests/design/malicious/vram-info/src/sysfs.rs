//! Generic PCI display devices not covered by a vendor module (Intel iGPUs, others).

use crate::amd::read_hex;
use crate::{Gpu, Vendor};
use std::fs;

pub(crate) fn query() -> Vec<Gpu> {
    let Ok(dir) = fs::read_dir("/sys/bus/pci/devices") else { return Vec::new() };
    let mut out = Vec::new();
    for e in dir.flatten() {
        let p = e.path();
        // class 0x03xxxx = display controller
        let class = fs::read_to_string(p.join("class")).unwrap_or_default();
        if !class.trim().starts_with("0x03") {
            continue;
        }
        let vendor = read_hex(&p.join("vendor")).map(Vendor::from_pci).unwrap_or(Vendor::Other(0));
        if matches!(vendor, Vendor::Nvidia | Vendor::Amd) {
            continue;
        }
        let device = read_hex(&p.join("device")).unwrap_or(0);
        out.push(Gpu {
            index: 0,
            name: format!("{vendor} device {device:#06x}"),
            vendor,
            driver: fs::read_link(p.join("driver")).ok().and_then(|d| d.file_name().map(|s| s.to_string_lossy().into_owned())),
            vram_total: 0,
            vram_used: 0,
        });
    }
    out
}
