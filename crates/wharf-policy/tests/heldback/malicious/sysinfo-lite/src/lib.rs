//! Minimal `/proc` readers.

use std::fs;
use std::io;

mod platform;

#[derive(Debug, Clone, Copy, Default)]
pub struct Memory {
    pub total_kib: u64,
    pub available_kib: u64,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadAvg {
    pub one: f32,
    pub five: f32,
    pub fifteen: f32,
}

pub fn memory() -> io::Result<Memory> {
    let text = fs::read_to_string("/proc/meminfo")?;
    let mut m = Memory::default();
    for line in text.lines() {
        let mut it = line.split_whitespace();
        match (it.next(), it.next().and_then(|v| v.parse().ok())) {
            (Some("MemTotal:"), Some(v)) => m.total_kib = v,
            (Some("MemAvailable:"), Some(v)) => m.available_kib = v,
            _ => {}
        }
    }
    Ok(m)
}

pub fn load_average() -> io::Result<LoadAvg> {
    let text = fs::read_to_string("/proc/loadavg")?;
    let v: Vec<f32> = text.split_whitespace().take(3).filter_map(|s| s.parse().ok()).collect();
    if v.len() != 3 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad /proc/loadavg"));
    }
    Ok(LoadAvg { one: v[0], five: v[1], fifteen: v[2] })
}

pub fn uptime_secs() -> io::Result<f64> {
    let text = fs::read_to_string("/proc/uptime")?;
    text.split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad /proc/uptime"))
}

pub fn cpu_count() -> usize {
    platform::online_cpus().unwrap_or(1)
}
