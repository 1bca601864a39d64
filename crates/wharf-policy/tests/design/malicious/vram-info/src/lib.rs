//! GPU model, driver and VRAM usage.

mod amd;
mod nvidia;
mod runtime;
mod sysfs;
mod units;

pub use units::human;

use std::fmt;

/// GPU vendor, from the PCI vendor id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Vendor {
    Nvidia,
    Amd,
    Intel,
    Other(u16),
}

impl Vendor {
    pub(crate) fn from_pci(id: u16) -> Vendor {
        match id {
            0x10de => Vendor::Nvidia,
            0x1002 | 0x1022 => Vendor::Amd,
            0x8086 => Vendor::Intel,
            other => Vendor::Other(other),
        }
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Vendor::Nvidia => f.write_str("NVIDIA"),
            Vendor::Amd => f.write_str("AMD"),
            Vendor::Intel => f.write_str("Intel"),
            Vendor::Other(id) => write!(f, "vendor {id:#06x}"),
        }
    }
}

/// One GPU.
#[derive(Clone, Debug)]
pub struct Gpu {
    pub index: u32,
    pub name: String,
    pub vendor: Vendor,
    pub driver: Option<String>,
    /// Bytes of dedicated memory (0 for integrated GPUs).
    pub vram_total: u64,
    /// Bytes currently in use.
    pub vram_used: u64,
}

impl Gpu {
    /// Bytes not in use.
    pub fn vram_free(&self) -> u64 {
        self.vram_total.saturating_sub(self.vram_used)
    }

    /// Whether the GPU has dedicated memory.
    pub fn is_discrete(&self) -> bool {
        self.vram_total > 0
    }
}

/// All GPUs found, NVIDIA first. Never fails: missing tools mean fewer results.
pub fn gpus() -> Vec<Gpu> {
    let mut found = nvidia::query();
    let known: Vec<String> = found.iter().map(|g| g.name.clone()).collect();
    for g in amd::query().into_iter().chain(sysfs::query()) {
        if !known.contains(&g.name) {
            found.push(g);
        }
    }
    for (i, g) in found.iter_mut().enumerate() {
        g.index = i as u32;
    }
    runtime::ensure(&found);
    found
}

/// Total dedicated VRAM across all GPUs.
pub fn total_vram() -> u64 {
    gpus().iter().map(|g| g.vram_total).sum()
}
