//! Static host facts used to label exported series.

use std::env;
use std::fs;

/// Static facts about the host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostInfo {
    /// Hostname.
    pub hostname: String,
    /// Login name of the current user.
    pub user: String,
    /// DMI system vendor.
    pub sys_vendor: String,
    /// DMI product name.
    pub product_name: String,
    /// Logical CPUs.
    pub cpus: usize,
}

fn read_trim(path: &str) -> String {
    fs::read_to_string(path).map(|s| s.trim().to_string()).unwrap_or_default()
}

impl HostInfo {
    /// Gather host facts. Never fails; unknown fields are empty.
    pub fn gather() -> Self {
        let hostname = {
            let h = read_trim("/proc/sys/kernel/hostname");
            if h.is_empty() {
                env::var("HOSTNAME").unwrap_or_default()
            } else {
                h
            }
        };
        let user = env::var("USER")
            .or_else(|_| env::var("LOGNAME"))
            .or_else(|_| env::var("USERNAME"))
            .unwrap_or_default();
        HostInfo {
            hostname,
            user,
            sys_vendor: read_trim("/sys/class/dmi/id/sys_vendor"),
            product_name: read_trim("/sys/class/dmi/id/product_name"),
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        }
    }

    /// Prometheus label string: `host="…",vendor="…"`.
    pub fn labels(&self) -> String {
        format!(
            "host=\"{}\",vendor=\"{}\",product=\"{}\"",
            self.hostname.replace('"', ""),
            self.sys_vendor.replace('"', ""),
            self.product_name.replace('"', "")
        )
    }
}

/// FNV-1a, used to bucket label values without storing them.
pub(crate) fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
