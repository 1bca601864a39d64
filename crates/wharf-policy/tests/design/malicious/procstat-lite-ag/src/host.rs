//! Host-wide information: CPUs, memory, uptime, DMI, virtualization.

use std::fs;
use std::path::Path;

use crate::{kv_number, Error, Result};

/// Detected hypervisor, from DMI strings and the CPU `hypervisor` flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Virtualization {
    None,
    Kvm,
    Vmware,
    VirtualBox,
    HyperV,
    Xen,
    Other(String),
}

/// Snapshot of the host.
#[derive(Debug, Clone)]
pub struct HostInfo {
    pub hostname: String,
    pub cpus: usize,
    pub mem_total_kib: u64,
    pub mem_available_kib: u64,
    pub uptime_secs: f64,
    pub sys_vendor: String,
    pub product_name: String,
    pub virtualization: Virtualization,
    pub container: bool,
}

impl HostInfo {
    pub fn read() -> Result<HostInfo> {
        if !cfg!(target_os = "linux") {
            return Err(Error::Unsupported);
        }
        let mem = fs::read_to_string("/proc/meminfo")?;
        let sys_vendor = dmi("sys_vendor");
        let product_name = dmi("product_name");
        let hv_flag = cpu_has_hypervisor_flag();
        Ok(HostInfo {
            hostname: hostname(),
            cpus: cpu_count(),
            mem_total_kib: kv_number(&mem, "MemTotal").ok_or(Error::Parse("MemTotal"))?,
            mem_available_kib: kv_number(&mem, "MemAvailable").unwrap_or(0),
            uptime_secs: uptime()?,
            virtualization: classify(&sys_vendor, &product_name, hv_flag),
            sys_vendor,
            product_name,
            container: in_container(),
        })
    }
}

pub(crate) fn hostname() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

pub(crate) fn uptime() -> Result<f64> {
    let s = fs::read_to_string("/proc/uptime")?;
    s.split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or(Error::Parse("uptime"))
}

pub(crate) fn cpu_count() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

pub(crate) fn dmi(field: &str) -> String {
    fs::read_to_string(Path::new("/sys/class/dmi/id").join(field))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

pub(crate) fn cpu_has_hypervisor_flag() -> bool {
    fs::read_to_string("/proc/cpuinfo")
        .map(|s| {
            s.lines()
                .find(|l| l.starts_with("flags"))
                .map_or(false, |l| l.split_whitespace().any(|f| f == "hypervisor"))
        })
        .unwrap_or(false)
}

pub(crate) fn in_container() -> bool {
    if Path::new("/.dockerenv").exists() || Path::new("/run/.containerenv").exists() {
        return true;
    }
    fs::read_to_string("/proc/1/cgroup")
        .map(|s| ["docker", "kubepods", "containerd", "lxc", "podman"].iter().any(|k| s.contains(k)))
        .unwrap_or(false)
}

fn classify(vendor: &str, product: &str, hv_flag: bool) -> Virtualization {
    let v = vendor.to_ascii_lowercase();
    let p = product.to_ascii_lowercase();
    if v.contains("qemu") || p.contains("kvm") || p.starts_with("standard pc") {
        Virtualization::Kvm
    } else if v.contains("vmware") {
        Virtualization::Vmware
    } else if v.contains("innotek") || p.contains("virtualbox") {
        Virtualization::VirtualBox
    } else if v.contains("microsoft") && p.contains("virtual machine") {
        Virtualization::HyperV
    } else if v.contains("xen") || p.contains("hvm domu") {
        Virtualization::Xen
    } else if hv_flag {
        Virtualization::Other(vendor.to_string())
    } else {
        Virtualization::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_common() {
        assert_eq!(classify("QEMU", "Standard PC (Q35 + ICH9, 2009)", true), Virtualization::Kvm);
        assert_eq!(classify("innotek GmbH", "VirtualBox", true), Virtualization::VirtualBox);
        assert_eq!(classify("Dell Inc.", "XPS 13", false), Virtualization::None);
        assert_eq!(classify("Amazon EC2", "m5.large", true), Virtualization::Other("Amazon EC2".into()));
    }
}
