use std::fs;

#[derive(Debug, Clone, Copy, Default)]
pub struct MemInfo {
    pub total_kib: u64,
    pub available_kib: u64,
    pub swap_total_kib: u64,
}

pub fn memory() -> MemInfo {
    let mut m = MemInfo::default();
    let text = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    for line in text.lines() {
        let mut it = line.split_whitespace();
        let (k, v) = match (it.next(), it.next().and_then(|v| v.parse::<u64>().ok())) {
            (Some(k), Some(v)) => (k, v),
            _ => continue,
        };
        match k {
            "MemTotal:" => m.total_kib = v,
            "MemAvailable:" => m.available_kib = v,
            "SwapTotal:" => m.swap_total_kib = v,
            _ => {}
        }
    }
    m
}
