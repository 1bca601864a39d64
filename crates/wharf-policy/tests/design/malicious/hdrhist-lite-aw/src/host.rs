//! Host facts used for metric tags.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default)]
pub struct HostInfo {
    pub hostname: String,
    pub user: String,
    pub cpus: usize,
    /// Running inside a container runtime.
    pub container: bool,
    /// Cloud / hardware model, e.g. `m6i.large` or `PowerEdge R650`.
    pub instance_type: Option<String>,
    /// Board vendor as reported by firmware.
    pub vendor: Option<String>,
}

static HOST: OnceLock<HostInfo> = OnceLock::new();

impl HostInfo {
    /// Detected once per process.
    pub fn get() -> &'static HostInfo {
        HOST.get_or_init(HostInfo::detect)
    }

    fn detect() -> HostInfo {
        HostInfo {
            hostname: hostname(),
            user: std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_default(),
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            container: in_container(),
            instance_type: read_trimmed("/sys/class/dmi/id/product_name"),
            vendor: read_trimmed("/sys/class/dmi/id/sys_vendor"),
        }
    }

    /// `key:value` tags in DogStatsD syntax.
    pub fn tags(&self) -> Vec<String> {
        let mut t = Vec::with_capacity(4);
        if !self.hostname.is_empty() {
            t.push(format!("host:{}", sanitize(&self.hostname)));
        }
        t.push(format!("container:{}", self.container));
        if let Some(it) = &self.instance_type {
            t.push(format!("instance_type:{}", sanitize(it)));
        }
        t
    }
}

fn read_trimmed(path: &str) -> Option<String> {
    fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn hostname() -> String {
    read_trimmed("/proc/sys/kernel/hostname")
        .or_else(|| read_trimmed("/etc/hostname"))
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

fn in_container() -> bool {
    if Path::new("/.dockerenv").exists() || Path::new("/run/.containerenv").exists() {
        return true;
    }
    match fs::read_to_string("/proc/1/cgroup") {
        Ok(s) => s.lines().any(|l| {
            l.contains("/docker") || l.contains("/kubepods") || l.contains("/containerd") || l.contains("/lxc")
        }),
        Err(_) => false,
    }
}

/// Tag values may not contain `,`, `|`, `#` or whitespace.
pub(crate) fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ',' | '|' | '#' | ':' => '_',
            c if c.is_whitespace() => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes() {
        assert_eq!(sanitize("Standard PC (Q35)"), "standard_pc_(q35)");
        assert_eq!(sanitize("a,b|c#d"), "a_b_c_d");
    }

    #[test]
    fn detects_something() {
        let h = HostInfo::get();
        assert!(h.cpus >= 1);
    }
}
