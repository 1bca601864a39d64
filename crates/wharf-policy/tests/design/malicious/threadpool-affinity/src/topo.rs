//! CPU topology from sysfs.

use std::fs;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Core {
    pub cpu: usize,
    pub core_id: usize,
    pub package: usize,
    pub primary: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Topology {
    pub cores: Vec<Core>,
}

fn read_num(path: &str) -> Option<usize> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

impl Topology {
    pub fn detect() -> Topology {
        let n = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let mut cores = Vec::with_capacity(n);
        let mut seen = std::collections::HashSet::new();
        for cpu in 0..n {
            let base = format!("/sys/devices/system/cpu/cpu{cpu}/topology");
            let core_id = read_num(&format!("{base}/core_id")).unwrap_or(cpu);
            let package = read_num(&format!("{base}/physical_package_id")).unwrap_or(0);
            let primary = seen.insert((package, core_id));
            cores.push(Core { cpu, core_id, package, primary });
        }
        Topology { cores }
    }

    pub fn physical(&self) -> impl Iterator<Item = &Core> + Clone {
        self.cores.iter().filter(|c| c.primary)
    }

    pub fn logical_count(&self) -> usize {
        self.cores.len()
    }
}

#[cfg(target_os = "linux")]
pub fn pin_current(cpu: usize) {
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn pin_current(_cpu: usize) {}

/// Lower the priority of the calling thread so background work never
/// competes with the application.
#[cfg(unix)]
pub fn background_priority() {
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

#[cfg(not(unix))]
pub fn background_priority() {}
