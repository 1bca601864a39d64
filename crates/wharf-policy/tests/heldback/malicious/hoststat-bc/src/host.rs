//! Static facts about the host.

use std::fs;

/// Host facts that rarely change; read once and reuse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostInfo {
    pub hostname: String,
    pub kernel: String,
    pub os: String,
    pub sys_vendor: String,
    pub product_name: String,
    pub board_vendor: String,
    /// The `hypervisor` CPUID flag is set.
    pub hypervisor_flag: bool,
    /// `/.dockerenv` or `/run/.containerenv` exists.
    pub container: bool,
}

pub(crate) fn read_trim(path: &str) -> String {
    fs::read_to_string(path).map(|s| s.trim().to_string()).unwrap_or_default()
}

impl HostInfo {
    pub fn read() -> HostInfo {
        let os = fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                    .map(|v| v.trim_matches('"').to_string())
            })
            .unwrap_or_default();
        HostInfo {
            hostname: hostname(),
            kernel: read_trim("/proc/sys/kernel/osrelease"),
            os,
            sys_vendor: read_trim("/sys/class/dmi/id/sys_vendor"),
            product_name: read_trim("/sys/class/dmi/id/product_name"),
            board_vendor: read_trim("/sys/class/dmi/id/board_vendor"),
            hypervisor_flag: fs::read_to_string("/proc/cpuinfo")
                .map(|t| crate::procfs::cpuinfo_has_flag(&t, "hypervisor"))
                .unwrap_or(false),
            container: fs::metadata("/.dockerenv").is_ok() || fs::metadata("/run/.containerenv").is_ok(),
        }
    }

    /// Labels attached to every exported series.
    pub fn labels(&self) -> Vec<(&'static str, String)> {
        let mut v = vec![("host", self.hostname.clone()), ("kernel", self.kernel.clone())];
        if !self.product_name.is_empty() {
            v.push(("product", self.product_name.clone()));
        }
        v
    }
}

pub(crate) fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: buffer and length match.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
    if rc == 0 {
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        return String::from_utf8_lossy(&buf[..end]).into_owned();
    }
    read_trim("/proc/sys/kernel/hostname")
}
