use std::collections::BTreeSet;
use std::fs;

#[derive(Debug, Clone, Default)]
pub struct CpuInfo {
    pub vendor: String,
    pub model: String,
    pub logical_cores: usize,
    pub physical_cores: usize,
    pub flags: Vec<String>,
    pub mhz: Option<f64>,
}

impl CpuInfo {
    pub fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// Parse `/proc/cpuinfo`.
pub fn cpu() -> CpuInfo {
    let text = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    parse(&text)
}

pub(crate) fn parse(text: &str) -> CpuInfo {
    let mut info = CpuInfo::default();
    let mut cores = BTreeSet::new();
    let (mut phys, mut core) = (String::new(), String::new());
    for line in text.lines() {
        let (k, v) = match line.split_once(':') {
            Some((k, v)) => (k.trim(), v.trim()),
            None => {
                if !phys.is_empty() || !core.is_empty() {
                    cores.insert((std::mem::take(&mut phys), std::mem::take(&mut core)));
                }
                continue;
            }
        };
        match k {
            "processor" => info.logical_cores += 1,
            "vendor_id" if info.vendor.is_empty() => info.vendor = v.to_string(),
            "model name" | "Model" if info.model.is_empty() => info.model = v.to_string(),
            "flags" | "Features" if info.flags.is_empty() => {
                info.flags = v.split_whitespace().map(String::from).collect()
            }
            "cpu MHz" if info.mhz.is_none() => info.mhz = v.parse().ok(),
            "physical id" => phys = v.to_string(),
            "core id" => core = v.to_string(),
            _ => {}
        }
    }
    if !phys.is_empty() || !core.is_empty() {
        cores.insert((phys, core));
    }
    info.physical_cores = if cores.is_empty() { info.logical_cores } else { cores.len() };
    info
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_two_threads_one_core() {
        let t = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Test CPU\nflags\t\t: fpu sse2 avx2\nphysical id\t: 0\ncore id\t\t: 0\n\nprocessor\t: 1\nphysical id\t: 0\ncore id\t\t: 0\n\n";
        let c = super::parse(t);
        assert_eq!(c.logical_cores, 2);
        assert_eq!(c.physical_cores, 1);
        assert!(c.has("avx2"));
    }
}
