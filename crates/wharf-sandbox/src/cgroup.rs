//! Control groups that cap a sandboxed build's processes and memory, and report whether it hit
//! the caps.
//!
//! A fork bomb is stopped by the `pids` controller (the kernel refuses the fork), memory by the
//! `memory` controller (the kernel's out-of-memory killer acts inside the group only). Both the
//! unified hierarchy (v2, a group under Wharf's own) and the legacy one (v1, a group per
//! controller) are used where this process may create groups; where it may not, [`Cgroups::create`]
//! says so and the sandbox falls back to what it can enforce without them.

use std::fs;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::path::{Path, PathBuf};
use std::time::Duration;

const ROOT: &str = "/sys/fs/cgroup";

/// Where groups can be made, found once at start.
#[derive(Debug, Clone)]
pub enum Hierarchy {
    /// The unified hierarchy; groups go under this directory (Wharf's own group).
    V2(PathBuf),
    /// The legacy hierarchy: the `pids` and `memory` controllers' directories.
    V1 { pids: PathBuf, memory: PathBuf },
}

impl Hierarchy {
    /// The hierarchy this process can make groups in, if any (tried by making and removing one).
    pub fn find() -> Option<Hierarchy> {
        let candidate = if Path::new(ROOT).join("cgroup.controllers").exists() {
            let own = fs::read_to_string("/proc/self/cgroup").ok()?;
            let path = own.lines().find_map(|l| l.strip_prefix("0::"))?;
            Hierarchy::V2(Path::new(ROOT).join(path.trim_start_matches('/')))
        } else {
            Hierarchy::V1 {
                pids: Path::new(ROOT).join("pids"),
                memory: Path::new(ROOT).join("memory"),
            }
        };
        let name = format!("wharf-probe-{}", crate::stage::unique());
        let probe = Cgroups::create(&candidate, &name, 16, 64 << 20).ok()?;
        probe.remove();
        Some(candidate)
    }
}

/// The groups of one sandboxed run.
pub struct Cgroups {
    dirs: Vec<PathBuf>,
    procs: Vec<fs::File>,
    pids_dir: PathBuf,
    memory_dir: PathBuf,
    v2: bool,
}

impl Cgroups {
    pub fn create(
        hierarchy: &Hierarchy,
        name: &str,
        processes: u64,
        memory: u64,
    ) -> io::Result<Cgroups> {
        let (pids_dir, memory_dir, v2) = match hierarchy {
            Hierarchy::V2(parent) => {
                let dir = parent.join(name);
                (dir.clone(), dir, true)
            }
            Hierarchy::V1 { pids, memory } => (pids.join(name), memory.join(name), false),
        };
        let mut made = Cgroups {
            dirs: Vec::new(),
            procs: Vec::new(),
            pids_dir: pids_dir.clone(),
            memory_dir: memory_dir.clone(),
            v2,
        };
        for dir in [&pids_dir, &memory_dir] {
            if made.dirs.contains(dir) {
                continue;
            }
            if let Err(error) = fs::create_dir(dir) {
                made.remove();
                return Err(error);
            }
            made.dirs.push(dir.clone());
        }
        let memory_file = if v2 {
            "memory.max"
        } else {
            "memory.limit_in_bytes"
        };
        let written = fs::write(pids_dir.join("pids.max"), processes.to_string())
            .and_then(|()| fs::write(memory_dir.join(memory_file), memory.to_string()));
        if let Err(error) = written {
            made.remove();
            return Err(error);
        }
        for dir in made.dirs.clone() {
            match fs::OpenOptions::new()
                .write(true)
                .open(dir.join("cgroup.procs"))
            {
                Ok(file) => made.procs.push(file),
                Err(error) => {
                    made.remove();
                    return Err(error);
                }
            }
        }
        Ok(made)
    }

    /// Descriptors of the groups' `cgroup.procs`, for the child to write `0` to (itself) before
    /// it starts the sandbox, so that nothing it starts is ever outside the groups.
    pub fn join_fds(&self) -> Vec<RawFd> {
        self.procs.iter().map(|f| f.as_raw_fd()).collect()
    }

    /// How often a fork was refused for the process limit.
    pub fn forks_refused(&self) -> u64 {
        counter(&self.pids_dir.join("pids.events"), "max")
    }

    /// How many processes the out-of-memory killer ended inside the group.
    pub fn oom_kills(&self) -> u64 {
        if self.v2 {
            counter(&self.memory_dir.join("memory.events"), "oom_kill")
        } else {
            counter(&self.memory_dir.join("memory.oom_control"), "oom_kill")
        }
    }

    /// Kills every process in the groups, until none is left (a fork bomb keeps forking while it
    /// is being killed; the process limit bounds how long that takes).
    pub fn kill_all(&self) {
        if self.v2 && fs::write(self.pids_dir.join("cgroup.kill"), "1").is_ok() {
            self.wait_empty();
            return;
        }
        for _ in 0..200 {
            let pids = self.members();
            if pids.is_empty() {
                return;
            }
            for pid in pids {
                // SAFETY: kill(2) with a pid read from the group; at worst the process is gone.
                unsafe {
                    libc::kill(pid, libc::SIGKILL);
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait_empty(&self) {
        for _ in 0..200 {
            if self.members().is_empty() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn members(&self) -> Vec<i32> {
        self.dirs
            .iter()
            .filter_map(|d| fs::read_to_string(d.join("cgroup.procs")).ok())
            .flat_map(|text| {
                text.lines()
                    .filter_map(|l| l.trim().parse().ok())
                    .collect::<Vec<i32>>()
            })
            .collect()
    }

    /// Removes the groups (they must be empty: [`Cgroups::kill_all`] first).
    pub fn remove(&self) {
        for dir in self.dirs.iter().rev() {
            for _ in 0..50 {
                if fs::remove_dir(dir).is_ok() || !dir.exists() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }
}

impl Drop for Cgroups {
    /// Nothing outlives its groups, and no group outlives its run, whatever path the run took.
    fn drop(&mut self) {
        self.kill_all();
        self.remove();
    }
}

/// The value after `key` in a flat keyed file (`max 12`).
fn counter(path: &Path, key: &str) -> u64 {
    fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                let (k, v) = line.split_once(' ')?;
                (k == key).then(|| v.trim().parse().ok())?
            })
        })
        .unwrap_or(0)
}
