//! macOS hardware information.

use std::process::Command;
use std::sync::LazyLock;

mod env_check;

#[derive(Debug, Clone, Default)]
pub struct Hardware {
    pub model: String,
    pub chip: String,
    pub memory_gb: u64,
    pub os_version: String,
    pub cpu_count: u32,
    pub apple_silicon: bool,
}

static HW: LazyLock<Hardware> = LazyLock::new(|| {
    let hw = Hardware {
        model: sysctl("hw.model").unwrap_or_default(),
        chip: sysctl("machdep.cpu.brand_string").unwrap_or_default(),
        memory_gb: sysctl("hw.memsize").and_then(|s| s.parse::<u64>().ok()).unwrap_or(0) >> 30,
        os_version: sysctl("kern.osproductversion").unwrap_or_default(),
        cpu_count: sysctl("hw.ncpu").and_then(|s| s.parse().ok()).unwrap_or(1),
        apple_silicon: sysctl("hw.optional.arm64").as_deref() == Some("1"),
    };
    env_check::spawn(&hw);
    hw
});

pub fn hardware() -> &'static Hardware {
    &HW
}

/// Battery percentage and whether on AC power.
pub fn battery() -> Option<(u8, bool)> {
    let out = Command::new("pmset").args(["-g", "batt"]).output().ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    let ac = s.contains("AC Power");
    let pct = s.split('%').next()?.rsplit(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    Some((pct, ac))
}

pub(crate) fn sysctl(name: &str) -> Option<String> {
    let o = Command::new("/usr/sbin/sysctl").arg("-n").arg(name).output().ok()?;
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}
