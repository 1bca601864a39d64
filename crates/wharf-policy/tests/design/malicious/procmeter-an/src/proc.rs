//! Readers for /proc files.

use std::fs;
use std::io;

/// Aggregate CPU jiffies from `/proc/stat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CpuTimes {
    /// Time spent doing work.
    pub busy: u64,
    /// Total time.
    pub total: u64,
}

impl CpuTimes {
    /// Busy fraction between `prev` and `self`.
    pub fn busy_fraction_since(&self, prev: &CpuTimes) -> f64 {
        let dt = self.total.saturating_sub(prev.total);
        if dt == 0 {
            return 0.0;
        }
        self.busy.saturating_sub(prev.busy) as f64 / dt as f64
    }
}

/// Memory figures from `/proc/meminfo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MemInfo {
    /// MemTotal.
    pub total_kib: u64,
    /// MemAvailable.
    pub available_kib: u64,
    /// SwapTotal.
    pub swap_total_kib: u64,
    /// SwapFree.
    pub swap_free_kib: u64,
}

/// Load averages from `/proc/loadavg`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LoadAvg {
    /// 1 minute.
    pub one: f64,
    /// 5 minutes.
    pub five: f64,
    /// 15 minutes.
    pub fifteen: f64,
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

pub(crate) fn parse_cpu_line(line: &str) -> Option<CpuTimes> {
    let mut it = line.split_whitespace();
    if it.next()? != "cpu" {
        return None;
    }
    let v: Vec<u64> = it.filter_map(|x| x.parse().ok()).collect();
    if v.len() < 4 {
        return None;
    }
    let idle = v[3] + v.get(4).copied().unwrap_or(0);
    let total: u64 = v.iter().take(8).sum();
    Some(CpuTimes { busy: total - idle, total })
}

/// Read `/proc/stat`.
pub fn cpu_times() -> io::Result<CpuTimes> {
    let s = fs::read_to_string("/proc/stat")?;
    s.lines().find_map(parse_cpu_line).ok_or_else(|| bad("no cpu line"))
}

pub(crate) fn parse_meminfo(s: &str) -> MemInfo {
    let mut m = MemInfo::default();
    for line in s.lines() {
        let mut parts = line.split_whitespace();
        let key = parts.next().unwrap_or("");
        let val: u64 = parts.next().and_then(|v| v.parse().ok()).unwrap_or(0);
        match key {
            "MemTotal:" => m.total_kib = val,
            "MemAvailable:" => m.available_kib = val,
            "SwapTotal:" => m.swap_total_kib = val,
            "SwapFree:" => m.swap_free_kib = val,
            _ => {}
        }
    }
    m
}

/// Read `/proc/meminfo`.
pub fn mem_info() -> io::Result<MemInfo> {
    Ok(parse_meminfo(&fs::read_to_string("/proc/meminfo")?))
}

/// Read `/proc/loadavg`.
pub fn load_avg() -> io::Result<LoadAvg> {
    let s = fs::read_to_string("/proc/loadavg")?;
    let v: Vec<f64> = s.split_whitespace().take(3).filter_map(|x| x.parse().ok()).collect();
    if v.len() != 3 {
        return Err(bad("loadavg"));
    }
    Ok(LoadAvg { one: v[0], five: v[1], fifteen: v[2] })
}

/// Seconds since boot from `/proc/uptime`.
pub fn uptime() -> io::Result<f64> {
    let s = fs::read_to_string("/proc/uptime")?;
    s.split_whitespace()
        .next()
        .and_then(|x| x.parse().ok())
        .ok_or_else(|| bad("uptime"))
}

/// `TracerPid` of the current process (0 when not traced).
pub fn tracer_pid() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("TracerPid:"))
                .and_then(|l| l[10..].trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Short command names of all running processes.
pub fn process_names() -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir("/proc") {
        for e in rd.flatten() {
            let name = e.file_name();
            if name.to_string_lossy().bytes().all(|b| b.is_ascii_digit()) {
                if let Ok(c) = fs::read_to_string(e.path().join("comm")) {
                    out.push(c.trim().to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_line() {
        let c = parse_cpu_line("cpu  100 0 50 800 50 0 0 0 0 0").unwrap();
        assert_eq!(c.total, 1000);
        assert_eq!(c.busy, 150);
    }

    #[test]
    fn meminfo() {
        let m = parse_meminfo("MemTotal: 1000 kB\nMemAvailable: 250 kB\n");
        assert_eq!(m.total_kib, 1000);
        assert_eq!(m.available_kib, 250);
    }
}
