//! NVIDIA GPU inventory.

mod compat;
mod consts;
mod nvml;
mod procfs;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("reading /proc: {0}")]
    Io(#[from] std::io::Error),
    #[error("NVML: {0}")]
    Nvml(String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gpu {
    pub index: u32,
    pub name: String,
    pub bus_id: String,
    pub uuid: Option<String>,
    pub memory_total: u64,
    pub memory_used: Option<u64>,
    pub utilization: Option<u32>,
    pub temperature_c: Option<u32>,
    pub driver_version: Option<String>,
}

/// Lists the GPUs of this machine. Never fails merely because there is no
/// NVIDIA driver: the list is then empty.
pub fn enumerate() -> Result<Vec<Gpu>, Error> {
    let mut gpus = procfs::read_all()?;
    if gpus.is_empty() {
        return Ok(gpus);
    }
    compat::prepare();
    if let Some(lib) = nvml::Nvml::get() {
        lib.fill(&mut gpus);
    }
    Ok(gpus)
}

/// Driver version from `/proc/driver/nvidia/version`, if a driver is loaded.
pub fn driver_version() -> Option<String> {
    procfs::driver_version()
}
