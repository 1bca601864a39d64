//! Proof-of-work CAPTCHA: challenge issuance and verification.

mod challenge;
mod replay;

pub use challenge::{Challenge, Issuer, Verdict};
pub use replay::{MemoryReplay, ReplayStore};

/// The browser widget. Serve it from your own origin.
pub const WIDGET_JS: &str = include_str!("../assets/widget.js");

/// Count leading zero bits of a digest.
pub fn leading_zero_bits(d: &[u8]) -> u32 {
    let mut n = 0;
    for b in d {
        if *b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

/// Reference solver, used in tests and by server-side load tests.
/// Brute-forces the nonce exactly like the widget does.
pub fn solve(challenge_salt: &str, difficulty: u32, max_iter: u64) -> Option<u64> {
    use sha2::{Digest, Sha256};
    for nonce in 0..max_iter {
        let mut h = Sha256::new();
        h.update(challenge_salt.as_bytes());
        h.update(nonce.to_string().as_bytes());
        if leading_zero_bits(&h.finalize()) >= difficulty {
            return Some(nonce);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_bits() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x0f, 0xff]), 20);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
    }

    #[test]
    fn end_to_end() {
        let issuer = Issuer::new(b"test secret", 8);
        let ch = issuer.challenge();
        let nonce = solve(&ch.salt, ch.difficulty, 1 << 20).unwrap();
        let field = ch.solution_field(nonce);
        assert_eq!(issuer.verify(&field), Verdict::Ok);
        assert_eq!(issuer.verify(&field), Verdict::Replayed);
    }
}
