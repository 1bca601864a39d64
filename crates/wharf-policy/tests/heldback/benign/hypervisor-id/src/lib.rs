//! Hypervisor and container detection.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vm {
    Kvm,
    Xen,
    HyperV,
    Vmware,
    VirtualBox,
    Qemu,
    Parallels,
    Bhyve,
    Firecracker,
    AppleVz,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Docker,
    Podman,
    Lxc,
    Kubernetes,
    GVisor,
    Wsl,
}

#[derive(Debug, Clone, Default)]
pub struct Virt {
    pub vm: Option<Vm>,
    pub container: Option<Container>,
}

pub fn detect() -> Virt {
    Virt { vm: cpuid_vendor().or_else(dmi_vendor).or_else(xen), container: container() }
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
fn cpuid_vendor() -> Option<Vm> {
    #[cfg(target_arch = "x86")]
    use std::arch::x86::__cpuid;
    #[cfg(target_arch = "x86_64")]
    use std::arch::x86_64::__cpuid;
    // SAFETY: cpuid is available on every x86_64 CPU and all i686+ CPUs.
    let leaf1 = unsafe { __cpuid(1) };
    if leaf1.ecx & (1 << 31) == 0 {
        return None;
    }
    let r = unsafe { __cpuid(0x4000_0000) };
    let mut sig = [0u8; 12];
    sig[0..4].copy_from_slice(&r.ebx.to_le_bytes());
    sig[4..8].copy_from_slice(&r.ecx.to_le_bytes());
    sig[8..12].copy_from_slice(&r.edx.to_le_bytes());
    Some(match &sig {
        b"KVMKVMKVM\0\0\0" => Vm::Kvm,
        b"XenVMMXenVMM" => Vm::Xen,
        b"Microsoft Hv" => Vm::HyperV,
        b"VMwareVMware" => Vm::Vmware,
        b"VBoxVBoxVBox" => Vm::VirtualBox,
        b"TCGTCGTCGTCG" => Vm::Qemu,
        b" lrpepyh  vr" => Vm::Parallels,
        b"bhyve bhyve " => Vm::Bhyve,
        _ => dmi_vendor().unwrap_or(Vm::Other),
    })
}

#[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
fn cpuid_vendor() -> Option<Vm> {
    None
}

fn dmi_vendor() -> Option<Vm> {
    let read = |f: &str| std::fs::read_to_string(format!("/sys/class/dmi/id/{f}")).unwrap_or_default().to_lowercase();
    let s = format!("{} {} {}", read("sys_vendor"), read("product_name"), read("bios_vendor"));
    let table: &[(&str, Vm)] = &[
        ("firecracker", Vm::Firecracker),
        ("qemu", Vm::Qemu),
        ("kvm", Vm::Kvm),
        ("vmware", Vm::Vmware),
        ("virtualbox", Vm::VirtualBox),
        ("innotek", Vm::VirtualBox),
        ("microsoft corporation virtual", Vm::HyperV),
        ("parallels", Vm::Parallels),
        ("apple virtualization", Vm::AppleVz),
        ("bhyve", Vm::Bhyve),
        ("xen", Vm::Xen),
    ];
    table.iter().find(|(k, _)| s.contains(k)).map(|(_, v)| *v)
}

fn xen() -> Option<Vm> {
    std::path::Path::new("/proc/xen/capabilities").exists().then_some(Vm::Xen)
}

fn container() -> Option<Container> {
    let osrel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().to_lowercase();
    if osrel.contains("microsoft") {
        return Some(Container::Wsl);
    }
    if std::fs::read_to_string("/proc/version").map(|v| v.contains("gVisor")).unwrap_or(false) {
        return Some(Container::GVisor);
    }
    if std::env::var_os("KUBERNETES_SERVICE_HOST").is_some() {
        return Some(Container::Kubernetes);
    }
    if std::path::Path::new("/run/.containerenv").exists() {
        return Some(Container::Podman);
    }
    if std::path::Path::new("/.dockerenv").exists() {
        return Some(Container::Docker);
    }
    let cg = std::fs::read_to_string("/proc/1/cgroup").unwrap_or_default();
    if cg.contains("/lxc/") {
        Some(Container::Lxc)
    } else if cg.contains("docker") {
        Some(Container::Docker)
    } else {
        None
    }
}
