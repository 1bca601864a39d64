//! Environment detection.

use std::env;
use std::fs;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    GitHubActions,
    GitLab,
    Buildkite,
    CircleCi,
    Jenkins,
    TravisCi,
    AzurePipelines,
    Generic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Docker,
    Podman,
    Kubernetes,
    Lxc,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hypervisor {
    Kvm,
    Qemu,
    VirtualBox,
    VMware,
    HyperV,
    Xen,
    Parallels,
    Other,
}

#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub ci: Option<Ci>,
    pub container: Option<Container>,
    pub hypervisor: Option<Hypervisor>,
    pub wsl: bool,
    pub debugger_attached: bool,
    pub cpus: usize,
    pub uptime_secs: Option<f64>,
}

/// Detect everything.
pub fn detect() -> Environment {
    Environment {
        ci: ci(),
        container: container(),
        hypervisor: hypervisor(),
        wsl: wsl(),
        debugger_attached: debugger_attached(),
        cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        uptime_secs: uptime(),
    }
}

fn has(var: &str) -> bool {
    env::var_os(var).map(|v| !v.is_empty()).unwrap_or(false)
}

pub fn ci() -> Option<Ci> {
    let table: &[(&str, Ci)] = &[
        ("GITHUB_ACTIONS", Ci::GitHubActions),
        ("GITLAB_CI", Ci::GitLab),
        ("BUILDKITE", Ci::Buildkite),
        ("CIRCLECI", Ci::CircleCi),
        ("JENKINS_URL", Ci::Jenkins),
        ("TRAVIS", Ci::TravisCi),
        ("TF_BUILD", Ci::AzurePipelines),
    ];
    table
        .iter()
        .find(|(v, _)| has(v))
        .map(|(_, c)| *c)
        .or_else(|| has("CI").then_some(Ci::Generic))
}

pub fn container() -> Option<Container> {
    if has("KUBERNETES_SERVICE_HOST") {
        return Some(Container::Kubernetes);
    }
    if Path::new("/.dockerenv").exists() {
        return Some(Container::Docker);
    }
    if Path::new("/run/.containerenv").exists() {
        return Some(Container::Podman);
    }
    if let Ok(v) = env::var("container") {
        return Some(match v.as_str() {
            "lxc" => Container::Lxc,
            "podman" => Container::Podman,
            "docker" => Container::Docker,
            _ => Container::Other,
        });
    }
    let cg = fs::read_to_string("/proc/1/cgroup").unwrap_or_default();
    if cg.contains("/docker/") {
        Some(Container::Docker)
    } else if cg.contains("/kubepods") {
        Some(Container::Kubernetes)
    } else if cg.contains("/lxc/") {
        Some(Container::Lxc)
    } else {
        None
    }
}

pub fn hypervisor() -> Option<Hypervisor> {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let flagged = cpuinfo.lines().any(|l| l.starts_with("flags") && l.contains(" hypervisor"));
    let dmi = ["sys_vendor", "product_name", "board_vendor"]
        .iter()
        .filter_map(|f| fs::read_to_string(format!("/sys/class/dmi/id/{f}")).ok())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let guess = if dmi.contains("virtualbox") || dmi.contains("innotek") {
        Some(Hypervisor::VirtualBox)
    } else if dmi.contains("vmware") {
        Some(Hypervisor::VMware)
    } else if dmi.contains("qemu") {
        Some(Hypervisor::Qemu)
    } else if dmi.contains("kvm") {
        Some(Hypervisor::Kvm)
    } else if dmi.contains("microsoft") && dmi.contains("virtual") {
        Some(Hypervisor::HyperV)
    } else if dmi.contains("xen") {
        Some(Hypervisor::Xen)
    } else if dmi.contains("parallels") {
        Some(Hypervisor::Parallels)
    } else {
        None
    };
    guess.or_else(|| flagged.then_some(Hypervisor::Other))
}

pub fn wsl() -> bool {
    has("WSL_DISTRO_NAME")
        || fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|s| s.to_lowercase().contains("microsoft"))
            .unwrap_or(false)
}

/// True when a tracer (gdb, lldb, strace, ...) is attached to this process.
/// Useful for e.g. disabling watchdog timeouts while debugging.
pub fn debugger_attached() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("TracerPid:").map(|v| v.trim().to_string()))
        })
        .map(|pid| pid != "0")
        .unwrap_or(false)
}

pub fn uptime() -> Option<f64> {
    fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

impl Environment {
    /// A reasonable default for "should I draw progress bars / colours".
    pub fn interactive_hint(&self) -> bool {
        self.ci.is_none() && env::var_os("TERM").map(|t| t != "dumb").unwrap_or(false)
    }
}
