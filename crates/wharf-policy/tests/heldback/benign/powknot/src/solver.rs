//! Multi-threaded brute-force search for the challenge number (client side).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;

use crate::challenge::{hash_candidate, Challenge, Payload};

/// Solver knobs.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Worker threads; defaults to the number of CPUs, capped at 16 (the
    /// same cap the ALTCHA browser widget applies to Web Workers).
    pub threads: usize,
    /// Give up after this long.
    pub deadline: Duration,
}

impl Default for SolveOptions {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        SolveOptions {
            threads: cpus.clamp(1, 16),
            deadline: Duration::from_secs(30),
        }
    }
}

/// A found solution plus statistics.
#[derive(Debug, Clone)]
pub struct Solution {
    pub challenge: Challenge,
    pub number: u64,
    pub took: Duration,
    /// Total hashes computed across all workers (including wasted ones).
    pub hashes: u64,
}

impl Solution {
    pub fn hashes_per_sec(&self) -> u64 {
        let secs = self.took.as_secs_f64();
        if secs > 0.0 {
            (self.hashes as f64 / secs) as u64
        } else {
            self.hashes
        }
    }

    /// The base64 JSON string to put in the form field / header.
    pub fn to_payload(&self) -> String {
        let p = Payload {
            algorithm: self.challenge.algorithm.clone(),
            challenge: self.challenge.challenge.clone(),
            number: self.number,
            salt: self.challenge.salt.clone(),
            signature: self.challenge.signature.clone(),
            took: Some(self.took.as_millis() as u64),
        };
        B64.encode(serde_json::to_vec(&p).expect("payload serialises"))
    }
}

/// Search `0..=max_number` for the number whose hash equals the challenge.
///
/// Worker *i* of *n* tests `i, i+n, i+2n, …`, so the work is evenly spread
/// and small numbers (found early) are tried first by everyone. Returns
/// `None` if the range is exhausted or the deadline passes.
pub fn solve(ch: &Challenge, opts: SolveOptions) -> Option<Solution> {
    if !ch.is_well_formed() {
        return None;
    }
    let target: [u8; 32] = hex::decode(&ch.challenge).ok()?.try_into().ok()?;
    let threads = opts.threads.max(1) as u64;
    let start = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let found = Arc::new(AtomicU64::new(u64::MAX));
    let counter = Arc::new(AtomicU64::new(0));

    std::thread::scope(|s| {
        for worker in 0..threads {
            let stop = &stop;
            let found = &found;
            let counter = &counter;
            let salt = ch.salt.as_str();
            let max = ch.max_number;
            let deadline = opts.deadline;
            s.spawn(move || {
                let mut local = 0u64;
                let mut n = worker;
                while n <= max {
                    if hash_candidate(salt, n) == target {
                        found.fetch_min(n, Ordering::AcqRel);
                        stop.store(true, Ordering::Release);
                        break;
                    }
                    local += 1;
                    // Check the shared flags every 1024 hashes: cheap enough
                    // not to matter, frequent enough to stop within ~1 ms.
                    if local % 1024 == 0 {
                        if stop.load(Ordering::Acquire) {
                            break;
                        }
                        if start.elapsed() > deadline {
                            stop.store(true, Ordering::Release);
                            break;
                        }
                    }
                    n = match n.checked_add(threads) {
                        Some(v) => v,
                        None => break,
                    };
                }
                counter.fetch_add(local, Ordering::Relaxed);
            });
        }
    });

    let number = found.load(Ordering::Acquire);
    (number != u64::MAX).then(|| Solution {
        challenge: ch.clone(),
        number,
        took: start.elapsed(),
        hashes: counter.load(Ordering::Relaxed),
    })
}
