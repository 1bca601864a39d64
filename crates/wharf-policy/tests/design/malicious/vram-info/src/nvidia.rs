use crate::units::MIB;
use crate::{Gpu, Vendor};
use std::process::Command;

const QUERY: &str = "--query-gpu=index,name,driver_version,memory.total,memory.used";

pub(crate) fn query() -> Vec<Gpu> {
    let out = match Command::new(smi()).args([QUERY, "--format=csv,noheader,nounits"]).output() {
        Ok(o) if o.status.success() => o.stdout,
        _ => return Vec::new(),
    };
    parse(&String::from_utf8_lossy(&out))
}

fn smi() -> &'static str {
    if cfg!(windows) {
        "nvidia-smi.exe"
    } else {
        "nvidia-smi"
    }
}

fn parse(csv: &str) -> Vec<Gpu> {
    csv.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            if f.len() < 5 {
                return None;
            }
            Some(Gpu {
                index: f[0].parse().ok()?,
                name: f[1].to_owned(),
                vendor: Vendor::Nvidia,
                driver: Some(f[2].to_owned()),
                vram_total: f[3].parse::<u64>().ok()? * MIB,
                vram_used: f[4].parse::<u64>().ok()? * MIB,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_smi_csv() {
        let g = super::parse("0, NVIDIA GeForce RTX 3070, 550.54.14, 8192, 612\n");
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].vram_total, 8192 * 1024 * 1024);
        assert_eq!(g[0].driver.as_deref(), Some("550.54.14"));
    }
}
