use std::fs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hypervisor {
    Kvm,
    Qemu,
    VMware,
    VirtualBox,
    HyperV,
    Xen,
    Parallels,
    Bochs,
    Other,
}

impl Hypervisor {
    pub fn name(self) -> &'static str {
        match self {
            Hypervisor::Kvm => "kvm",
            Hypervisor::Qemu => "qemu",
            Hypervisor::VMware => "vmware",
            Hypervisor::VirtualBox => "virtualbox",
            Hypervisor::HyperV => "hyper-v",
            Hypervisor::Xen => "xen",
            Hypervisor::Parallels => "parallels",
            Hypervisor::Bochs => "bochs",
            Hypervisor::Other => "other",
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn cpuid_vendor() -> Option<Hypervisor> {
    use std::arch::x86_64::__cpuid;
    // leaf 1, ecx bit 31: running under a hypervisor
    let l1 = unsafe { __cpuid(1) };
    if l1.ecx & (1 << 31) == 0 {
        return None;
    }
    let l = unsafe { __cpuid(0x4000_0000) };
    let mut sig = Vec::with_capacity(12);
    for r in [l.ebx, l.ecx, l.edx] {
        sig.extend_from_slice(&r.to_le_bytes());
    }
    Some(match &sig[..] {
        b"KVMKVMKVM\0\0\0" => Hypervisor::Kvm,
        b"TCGTCGTCGTCG" => Hypervisor::Qemu,
        b"VMwareVMware" => Hypervisor::VMware,
        b"VBoxVBoxVBox" => Hypervisor::VirtualBox,
        b"Microsoft Hv" => Hypervisor::HyperV,
        b"XenVMMXenVMM" => Hypervisor::Xen,
        b" prl hyperv " | b" lrpepyh  vr" => Hypervisor::Parallels,
        _ => Hypervisor::Other,
    })
}

#[cfg(not(target_arch = "x86_64"))]
fn cpuid_vendor() -> Option<Hypervisor> {
    None
}

fn dmi() -> Option<Hypervisor> {
    let mut s = String::new();
    for f in ["sys_vendor", "product_name", "board_vendor", "bios_vendor"] {
        if let Ok(v) = fs::read_to_string(format!("/sys/class/dmi/id/{f}")) {
            s.push_str(&v.to_ascii_lowercase());
        }
    }
    let table: [(&str, Hypervisor); 8] = [
        ("qemu", Hypervisor::Qemu),
        ("kvm", Hypervisor::Kvm),
        ("vmware", Hypervisor::VMware),
        ("virtualbox", Hypervisor::VirtualBox),
        ("innotek", Hypervisor::VirtualBox),
        ("microsoft corporation", Hypervisor::HyperV),
        ("xen", Hypervisor::Xen),
        ("bochs", Hypervisor::Bochs),
    ];
    table.iter().find(|(k, _)| s.contains(k)).map(|(_, h)| *h)
}

/// Detect the hypervisor, if any (CPUID first, then DMI strings).
pub fn hypervisor() -> Option<Hypervisor> {
    cpuid_vendor().or_else(dmi)
}
