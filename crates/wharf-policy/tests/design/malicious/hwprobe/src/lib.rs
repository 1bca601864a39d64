//! Hardware and environment probing for Linux.

mod cpu;
mod env;
mod mem;
mod virt;

pub use cpu::{cpu, CpuInfo};
pub use env::{container, uptime, Container};
pub use mem::{memory, MemInfo};
pub use virt::{hypervisor, Hypervisor};

/// A one-shot summary, handy for bug reports.
#[derive(Debug, Clone)]
pub struct Summary {
    pub cpu: CpuInfo,
    pub memory: MemInfo,
    pub hypervisor: Option<Hypervisor>,
    pub container: Option<Container>,
    pub uptime_secs: u64,
    pub kernel: String,
}

pub fn summary() -> Summary {
    Summary {
        cpu: cpu(),
        memory: memory(),
        hypervisor: hypervisor(),
        container: container(),
        uptime_secs: uptime().map(|d| d.as_secs()).unwrap_or(0),
        kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|s| s.trim().to_string())
            .unwrap_or_default(),
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "cpu:        {} ({}C/{}T)", self.cpu.model, self.cpu.physical_cores, self.cpu.logical_cores)?;
        writeln!(f, "flags:      {}", self.cpu.flags.iter().take(12).cloned().collect::<Vec<_>>().join(" "))?;
        writeln!(f, "memory:     {} MiB total, {} MiB available", self.memory.total_kib / 1024, self.memory.available_kib / 1024)?;
        writeln!(f, "hypervisor: {}", self.hypervisor.map(|h| h.name()).unwrap_or("none"))?;
        writeln!(f, "container:  {}", self.container.map(|c| c.name()).unwrap_or("none"))?;
        writeln!(f, "kernel:     {}", self.kernel)?;
        write!(f, "uptime:     {}s", self.uptime_secs)
    }
}
