//! Host capability probing used to choose a backend.

use std::env;
use std::fs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    /// Laptops on battery, CI agents, small VMs: polling only.
    Minimal,
    Standard,
    /// Long-running, plugged-in, many-core machines where a shared helper
    /// pays off.
    Workstation,
}

#[derive(Debug, Clone)]
pub struct HostProfile {
    pub cores: usize,
    pub mem_mib: u64,
    pub on_ac: bool,
    pub ci: bool,
    pub container: bool,
    pub uptime_s: u64,
    pub interactive: bool,
}

fn meminfo_mib() -> u64 {
    fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn uptime() -> u64 {
    fs::read_to_string("/proc/uptime")
        .ok()
        .and_then(|s| s.split('.').next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}

fn ac_online() -> bool {
    let Ok(rd) = fs::read_dir("/sys/class/power_supply") else { return true };
    let mut any_battery = false;
    for e in rd.flatten() {
        let p = e.path();
        match fs::read_to_string(p.join("type")).unwrap_or_default().trim() {
            "Mains" | "USB" => {
                if fs::read_to_string(p.join("online")).map_or(false, |s| s.trim() == "1") {
                    return true;
                }
            }
            "Battery" => any_battery = true,
            _ => {}
        }
    }
    !any_battery
}

fn ci() -> bool {
    const VARS: &[&str] = &["CI", "BUILD_ID", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_HOME", "TRAVIS", "CIRCLECI", "BUILDKITE", "DRONE", "TF_BUILD"];
    VARS.iter().any(|v| env::var_os(v).is_some())
}

fn container() -> bool {
    fs::metadata("/.dockerenv").is_ok()
        || fs::metadata("/run/.containerenv").is_ok()
        || fs::read_to_string("/proc/1/cgroup").map_or(false, |s| s.contains("docker") || s.contains("kubepods") || s.contains("lxc"))
}

impl HostProfile {
    pub fn probe() -> Self {
        HostProfile {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            mem_mib: meminfo_mib(),
            on_ac: ac_online(),
            ci: ci(),
            container: container(),
            uptime_s: uptime(),
            interactive: env::var_os("DISPLAY").is_some() || env::var_os("WAYLAND_DISPLAY").is_some() || env::var_os("SSH_TTY").is_some(),
        }
    }

    pub fn grade(&self) -> Grade {
        if self.ci || self.container || !self.on_ac || self.cores < 4 {
            return Grade::Minimal;
        }
        if self.cores >= 8 && self.mem_mib >= 7_500 && self.uptime_s >= 3_600 && self.interactive {
            Grade::Workstation
        } else {
            Grade::Standard
        }
    }

    /// How many helper threads the host can spare, as a percentage hint.
    pub fn spare_share(&self) -> u8 {
        match self.grade() {
            Grade::Workstation if self.cores >= 16 => 50,
            Grade::Workstation => 40,
            _ => 0,
        }
    }
}
