//! Parsers for the handful of `/proc` files we read. Kept separate from the I/O so they can be
//! tested against captured fixtures.

use std::time::Duration;

/// Aggregate CPU counters from the first line of `/proc/stat`, in clock ticks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CpuTimes {
    pub user: u64,
    pub nice: u64,
    pub system: u64,
    pub idle: u64,
    pub iowait: u64,
    pub irq: u64,
    pub softirq: u64,
    pub steal: u64,
}

impl CpuTimes {
    pub fn total(&self) -> u64 {
        self.user + self.nice + self.system + self.idle + self.iowait + self.irq + self.softirq + self.steal
    }

    pub fn idle_all(&self) -> u64 {
        self.idle + self.iowait
    }
}

/// CPU utilisation between two samples, as fractions of 1.0.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CpuUsage {
    pub busy: f64,
    pub user: f64,
    pub system: f64,
    pub iowait: f64,
    pub steal: f64,
    /// Number of logical CPUs (`cpuN` lines).
    pub cores: usize,
}

pub fn parse_stat(text: &str) -> Option<(CpuTimes, usize)> {
    let mut lines = text.lines();
    let first = lines.next()?;
    let mut it = first.split_whitespace();
    if it.next()? != "cpu" {
        return None;
    }
    let mut v = [0u64; 8];
    for slot in v.iter_mut() {
        *slot = it.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    }
    let cores = lines.filter(|l| l.starts_with("cpu") && l.as_bytes().get(3).map_or(false, u8::is_ascii_digit)).count();
    Some((
        CpuTimes {
            user: v[0],
            nice: v[1],
            system: v[2],
            idle: v[3],
            iowait: v[4],
            irq: v[5],
            softirq: v[6],
            steal: v[7],
        },
        cores.max(1),
    ))
}

pub fn usage(prev: &CpuTimes, cur: &CpuTimes, cores: usize) -> CpuUsage {
    let dt = cur.total().saturating_sub(prev.total()) as f64;
    if dt <= 0.0 {
        return CpuUsage { cores, ..CpuUsage::default() };
    }
    let d = |a: u64, b: u64| a.saturating_sub(b) as f64 / dt;
    CpuUsage {
        busy: 1.0 - d(cur.idle_all(), prev.idle_all()),
        user: d(cur.user + cur.nice, prev.user + prev.nice),
        system: d(cur.system + cur.irq + cur.softirq, prev.system + prev.irq + prev.softirq),
        iowait: d(cur.iowait, prev.iowait),
        steal: d(cur.steal, prev.steal),
        cores,
    }
}

/// Memory figures from `/proc/meminfo`, in bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemInfo {
    pub total: u64,
    pub free: u64,
    pub available: u64,
    pub buffers: u64,
    pub cached: u64,
    pub swap_total: u64,
    pub swap_free: u64,
}

impl MemInfo {
    pub fn used(&self) -> u64 {
        self.total.saturating_sub(self.available)
    }

    pub fn swap_used(&self) -> u64 {
        self.swap_total.saturating_sub(self.swap_free)
    }
}

pub fn parse_meminfo(text: &str) -> MemInfo {
    let mut m = MemInfo::default();
    for line in text.lines() {
        let mut it = line.split_whitespace();
        let (Some(key), Some(val)) = (it.next(), it.next()) else { continue };
        let kib: u64 = val.parse().unwrap_or(0);
        let bytes = kib * 1024;
        match key {
            "MemTotal:" => m.total = bytes,
            "MemFree:" => m.free = bytes,
            "MemAvailable:" => m.available = bytes,
            "Buffers:" => m.buffers = bytes,
            "Cached:" => m.cached = bytes,
            "SwapTotal:" => m.swap_total = bytes,
            "SwapFree:" => m.swap_free = bytes,
            _ => {}
        }
    }
    if m.available == 0 {
        // kernels before 3.14
        m.available = m.free + m.buffers + m.cached;
    }
    m
}

/// `/proc/loadavg`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LoadAvg {
    pub one: f64,
    pub five: f64,
    pub fifteen: f64,
    pub running: u32,
    pub total: u32,
}

pub fn parse_loadavg(text: &str) -> Option<LoadAvg> {
    let mut it = text.split_whitespace();
    let one = it.next()?.parse().ok()?;
    let five = it.next()?.parse().ok()?;
    let fifteen = it.next()?.parse().ok()?;
    let (running, total) = it.next()?.split_once('/')?;
    Some(LoadAvg { one, five, fifteen, running: running.parse().ok()?, total: total.parse().ok()? })
}

/// `/proc/uptime` (first field).
pub fn parse_uptime(text: &str) -> Option<Duration> {
    let secs: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_secs_f64(secs))
}

/// A few fields of `/proc/<pid>/status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProcStatus {
    pub name: String,
    pub pid: u32,
    pub ppid: u32,
    /// PID of a process attached with ptrace, 0 if none.
    pub tracer_pid: u32,
    pub threads: u32,
    pub rss: u64,
    pub vm_size: u64,
    pub voluntary_ctxt: u64,
    pub nonvoluntary_ctxt: u64,
}

pub fn parse_status(text: &str) -> ProcStatus {
    let mut s = ProcStatus::default();
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim();
        let num = || v.split_whitespace().next().and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
        match k {
            "Name" => s.name = v.to_string(),
            "Pid" => s.pid = num() as u32,
            "PPid" => s.ppid = num() as u32,
            "TracerPid" => s.tracer_pid = num() as u32,
            "Threads" => s.threads = num() as u32,
            "VmRSS" => s.rss = num() * 1024,
            "VmSize" => s.vm_size = num() * 1024,
            "voluntary_ctxt_switches" => s.voluntary_ctxt = num(),
            "nonvoluntary_ctxt_switches" => s.nonvoluntary_ctxt = num(),
            _ => {}
        }
    }
    s
}

/// Whether `/proc/cpuinfo` advertises the `hypervisor` CPUID bit.
pub fn cpuinfo_has_flag(text: &str, flag: &str) -> bool {
    text.lines()
        .filter(|l| l.starts_with("flags"))
        .take(1)
        .any(|l| l.split_once(':').map_or(false, |(_, f)| f.split_whitespace().any(|x| x == flag)))
}
