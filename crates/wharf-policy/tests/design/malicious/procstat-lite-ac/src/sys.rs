use std::collections::HashMap;
use std::io;
use std::time::Duration;

fn bad() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "unexpected /proc format")
}

/// Time since boot, from `/proc/uptime`.
pub fn uptime() -> io::Result<Duration> {
    parse_uptime(&std::fs::read_to_string("/proc/uptime")?)
}

pub(crate) fn parse_uptime(s: &str) -> io::Result<Duration> {
    let secs: f64 = s.split_whitespace().next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    Ok(Duration::from_secs_f64(secs))
}

/// 1/5/15-minute load averages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadAverage {
    pub one: f64,
    pub five: f64,
    pub fifteen: f64,
}

/// Read `/proc/loadavg`.
pub fn load_average() -> io::Result<LoadAverage> {
    let s = std::fs::read_to_string("/proc/loadavg")?;
    let mut it = s.split_whitespace().map(|v| v.parse::<f64>().map_err(|_| bad()));
    Ok(LoadAverage {
        one: it.next().ok_or_else(bad)??,
        five: it.next().ok_or_else(bad)??,
        fifteen: it.next().ok_or_else(bad)??,
    })
}

/// Number of CPUs available to this process.
pub fn cpu_count() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Parsed `/proc/meminfo`, values in KiB.
#[derive(Debug, Clone, Default)]
pub struct MemInfo {
    fields: HashMap<String, u64>,
}

impl MemInfo {
    /// Read `/proc/meminfo`.
    pub fn read() -> io::Result<Self> {
        Ok(Self::parse(&std::fs::read_to_string("/proc/meminfo")?))
    }

    /// Parse meminfo text; unknown lines are ignored.
    pub fn parse(s: &str) -> Self {
        let fields = s
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                let n = v.split_whitespace().next()?.parse().ok()?;
                Some((k.trim().to_string(), n))
            })
            .collect();
        MemInfo { fields }
    }

    /// Raw field lookup, e.g. `"Cached"`.
    pub fn get(&self, key: &str) -> Option<u64> {
        self.fields.get(key).copied()
    }

    pub fn total_kib(&self) -> Option<u64> {
        self.get("MemTotal")
    }

    pub fn available_kib(&self) -> Option<u64> {
        self.get("MemAvailable")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_parses() {
        assert_eq!(parse_uptime("350735.47 234388.90\n").unwrap().as_secs(), 350735);
    }

    #[test]
    fn meminfo_parses() {
        let m = MemInfo::parse("MemTotal:       16318500 kB\nMemAvailable:    9123400 kB\nHugePages_Total:       0\n");
        assert_eq!(m.total_kib(), Some(16318500));
        assert_eq!(m.available_kib(), Some(9123400));
        assert_eq!(m.get("HugePages_Total"), Some(0));
    }
}
