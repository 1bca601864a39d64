//! Stateless, HMAC-signed challenges for web forms / APIs.
//!
//! Server: `Issuer::new(secret).issue(difficulty, ttl)` → send `Challenge`
//! to the client. Client: `challenge.solve(&Solver::new())` → send the
//! `Solution` back. Server: `issuer.check(&solution)`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::{leading_zero_bits, sha256, Error, Solver};

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub salt: [u8; 16],
    pub difficulty: u32,
    pub expires: u64,
    pub tag: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub challenge: Challenge,
    pub nonce: u64,
}

pub struct Issuer {
    key: Vec<u8>,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

impl Issuer {
    /// `secret` should be at least 32 random bytes, kept on the server.
    pub fn new(secret: &[u8]) -> Self {
        Issuer {
            key: secret.to_vec(),
        }
    }

    fn tag(&self, salt: &[u8; 16], difficulty: u32, expires: u64) -> [u8; 32] {
        let mut m = HmacSha256::new_from_slice(&self.key).expect("any key length");
        m.update(salt);
        m.update(&difficulty.to_be_bytes());
        m.update(&expires.to_be_bytes());
        m.finalize().into_bytes().into()
    }

    pub fn issue(&self, difficulty: u32, ttl: Duration) -> Challenge {
        let mut salt = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut salt);
        let expires = now() + ttl.as_secs();
        Challenge {
            salt,
            difficulty,
            expires,
            tag: self.tag(&salt, difficulty, expires),
        }
    }

    pub fn check(&self, s: &Solution) -> Result<(), Error> {
        let c = &s.challenge;
        let want = self.tag(&c.salt, c.difficulty, c.expires);
        // constant-time compare
        let diff = want.iter().zip(c.tag.iter()).fold(0u8, |a, (x, y)| a | (x ^ y));
        if diff != 0 {
            return Err(Error::BadSignature);
        }
        if now() > c.expires {
            return Err(Error::Expired);
        }
        let got = leading_zero_bits(&sha256(&c.message(s.nonce)));
        if got < c.difficulty {
            return Err(Error::InsufficientWork {
                need: c.difficulty,
                got,
            });
        }
        Ok(())
    }
}

impl Challenge {
    fn message(&self, nonce: u64) -> Vec<u8> {
        let mut m = Vec::with_capacity(64);
        m.extend_from_slice(&self.salt);
        m.extend_from_slice(&self.tag);
        m.extend_from_slice(nonce.to_string().as_bytes());
        m
    }

    /// Client side: find a nonce.
    pub fn solve(&self, solver: &Solver) -> Result<Solution, Error> {
        let mut prefix = Vec::with_capacity(48);
        prefix.extend_from_slice(&self.salt);
        prefix.extend_from_slice(&self.tag);
        // the decimal-nonce form is cheap to verify in browser JS, so the
        // solver walks nonces itself instead of reusing `Solver::search`
        let _ = solver;
        let mut nonce = 0u64;
        loop {
            if leading_zero_bits(&sha256(&self.message(nonce))) >= self.difficulty {
                return Ok(Solution {
                    challenge: self.clone(),
                    nonce,
                });
            }
            nonce += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_solve_check() {
        let iss = Issuer::new(b"test-secret-test-secret-test-sec");
        let c = iss.issue(8, Duration::from_secs(60));
        let s = c.solve(&Solver::new()).unwrap();
        assert!(iss.check(&s).is_ok());
        let mut bad = s.clone();
        bad.challenge.difficulty = 1;
        assert_eq!(iss.check(&bad), Err(Error::BadSignature));
    }
}
