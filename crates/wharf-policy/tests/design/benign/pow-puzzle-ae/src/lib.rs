//! Client-puzzle proof-of-work.
//!
//! The scheme is the one used by hashcash, mCaptcha and Friendly Captcha:
//! find a nonce whose hash together with a server-chosen salt has at least
//! `difficulty` leading zero bits. Solving is parallelised across a
//! configurable number of worker threads; verifying is a single hash.

mod tune;

pub use tune::{measure_hashrate, suggest_difficulty};

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Highest difficulty we will issue or accept; 2^32 hashes is already minutes of CPU.
pub const MAX_DIFFICULTY: u8 = 32;

/// A puzzle issued by the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub salt: [u8; 16],
    pub resource: String,
    pub difficulty: u8,
    pub issued_at: u64,
}

/// A found nonce plus work statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solution {
    pub nonce: u64,
    pub hashes: u64,
    pub elapsed: Duration,
}

impl Solution {
    /// Observed hashes per second during solving.
    pub fn hashrate(&self) -> f64 {
        self.hashes as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Challenge {
    /// Issue a new challenge for `resource` with `difficulty` leading zero bits.
    pub fn issue(resource: impl Into<String>, difficulty: u8) -> Self {
        let mut salt = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut salt);
        Challenge { salt, resource: resource.into(), difficulty: difficulty.min(MAX_DIFFICULTY), issued_at: now_secs() }
    }

    /// Serialise to a URL-safe token: `salt.difficulty.issued_at.resource`.
    pub fn to_token(&self) -> String {
        format!(
            "{}.{}.{}.{}",
            URL_SAFE_NO_PAD.encode(self.salt),
            self.difficulty,
            self.issued_at,
            URL_SAFE_NO_PAD.encode(self.resource.as_bytes())
        )
    }

    /// Parse a token produced by [`Challenge::to_token`].
    pub fn from_token(tok: &str) -> Option<Self> {
        let mut it = tok.splitn(4, '.');
        let salt: [u8; 16] = URL_SAFE_NO_PAD.decode(it.next()?).ok()?.try_into().ok()?;
        let difficulty: u8 = it.next()?.parse().ok()?;
        let issued_at: u64 = it.next()?.parse().ok()?;
        let resource = String::from_utf8(URL_SAFE_NO_PAD.decode(it.next()?).ok()?).ok()?;
        (difficulty <= MAX_DIFFICULTY).then_some(Challenge { salt, resource, difficulty, issued_at })
    }

    /// Hash state with salt and resource already absorbed.
    fn prefix(&self) -> Sha256 {
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update((self.resource.len() as u32).to_be_bytes());
        h.update(self.resource.as_bytes());
        h
    }

    /// Digest for a candidate nonce.
    pub fn digest(&self, nonce: u64) -> [u8; 32] {
        let mut h = self.prefix();
        h.update(nonce.to_be_bytes());
        h.finalize().into()
    }
}

/// Number of leading zero bits in `d`.
pub fn leading_zero_bits(d: &[u8]) -> u32 {
    let mut n = 0;
    for &b in d {
        if b == 0 {
            n += 8;
        } else {
            return n + b.leading_zeros();
        }
    }
    n
}

/// Search for a valid nonce using `threads` workers (at least one).
///
/// Worker `i` tries nonces `i, i + threads, i + 2*threads, …` so no two
/// workers duplicate effort. Returns as soon as any worker succeeds.
pub fn solve(ch: &Challenge, threads: usize) -> Solution {
    let threads = threads.max(1) as u64;
    let found = AtomicBool::new(false);
    let winner = AtomicU64::new(0);
    let total = AtomicU64::new(0);
    let start = Instant::now();
    let base = ch.prefix();
    std::thread::scope(|s| {
        for i in 0..threads {
            let (found, winner, total, base) = (&found, &winner, &total, base.clone());
            s.spawn(move || {
                let mut nonce = i;
                let mut local = 0u64;
                while !found.load(Ordering::Relaxed) {
                    let mut h = base.clone();
                    h.update(nonce.to_be_bytes());
                    local += 1;
                    if leading_zero_bits(&h.finalize()) >= ch.difficulty as u32 {
                        if !found.swap(true, Ordering::AcqRel) {
                            winner.store(nonce, Ordering::Release);
                        }
                        break;
                    }
                    nonce = nonce.wrapping_add(threads);
                }
                total.fetch_add(local, Ordering::Relaxed);
            });
        }
    });
    Solution { nonce: winner.load(Ordering::Acquire), hashes: total.load(Ordering::Relaxed), elapsed: start.elapsed() }
}

/// Check a submitted nonce. Rejects challenges older than `max_age`.
pub fn verify(ch: &Challenge, nonce: u64, max_age: Duration) -> bool {
    if ch.difficulty > MAX_DIFFICULTY {
        return false;
    }
    let age = now_secs().saturating_sub(ch.issued_at);
    if age > max_age.as_secs() {
        return false;
    }
    leading_zero_bits(&ch.digest(nonce)) >= ch.difficulty as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_bits() {
        assert_eq!(leading_zero_bits(&[0x00, 0x0f]), 12);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }

    #[test]
    fn solve_and_verify() {
        let ch = Challenge::issue("test", 10);
        let sol = solve(&ch, 2);
        assert!(verify(&ch, sol.nonce, Duration::from_secs(60)));
        assert!(sol.hashes >= 1);
    }

    #[test]
    fn token_roundtrip() {
        let ch = Challenge::issue("login:bob@example.com", 16);
        assert_eq!(Challenge::from_token(&ch.to_token()).unwrap(), ch);
        assert!(Challenge::from_token("garbage").is_none());
    }

    #[test]
    fn expired_rejected() {
        let mut ch = Challenge::issue("x", 1);
        ch.issued_at -= 1000;
        let sol = solve(&ch, 1);
        assert!(!verify(&ch, sol.nonce, Duration::from_secs(10)));
    }
}
