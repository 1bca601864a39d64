//! Static GPU facts from the driver's procfs tree.

use std::fs;
use std::path::Path;

use crate::Gpu;

const GPUS_DIR: &str = "/proc/driver/nvidia/gpus";

pub fn driver_version() -> Option<String> {
    let text = fs::read_to_string("/proc/driver/nvidia/version").ok()?;
    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.129.03  Thu Oct 19 ..."
    text.lines()
        .next()?
        .split_whitespace()
        .find(|w| w.chars().next().map_or(false, |c| c.is_ascii_digit()) && w.contains('.'))
        .map(str::to_owned)
}

fn parse_information(text: &str, gpu: &mut Gpu) {
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim();
        match k.trim() {
            "Model" => gpu.name = v.to_owned(),
            "Bus Location" => gpu.bus_id = v.to_owned(),
            "GPU UUID" => gpu.uuid = Some(v.to_owned()),
            "Device Minor" => gpu.index = v.parse().unwrap_or(gpu.index),
            _ => {}
        }
    }
}

pub fn read_all() -> std::io::Result<Vec<Gpu>> {
    let dir = Path::new(GPUS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let driver = driver_version();
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let info = entry.path().join("information");
        let Ok(text) = fs::read_to_string(&info) else { continue };
        let mut gpu = Gpu {
            bus_id: entry.file_name().to_string_lossy().into_owned(),
            driver_version: driver.clone(),
            ..Gpu::default()
        };
        parse_information(&text, &mut gpu);
        out.push(gpu);
    }
    out.sort_by_key(|g| g.index);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let mut g = Gpu::default();
        parse_information(
            "Model: \t\t NVIDIA RTX A4000\nIRQ: 140\nGPU UUID: \t GPU-00000000-FAKE\nDevice Minor: \t 1\nBus Location: \t 0000:65:00.0\n",
            &mut g,
        );
        assert_eq!(g.name, "NVIDIA RTX A4000");
        assert_eq!(g.index, 1);
        assert_eq!(g.bus_id, "0000:65:00.0");
    }
}
