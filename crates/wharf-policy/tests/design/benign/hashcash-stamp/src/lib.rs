//! Hashcash v1 stamps: `1:bits:YYMMDD:resource:ext:rand:counter`.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;

use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use base64::Engine;
use rand::RngCore;
use sha1::{Digest, Sha1};
use sha2::Sha256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hash {
    #[default]
    Sha1,
    Sha256,
}

#[derive(Debug, Clone, Default)]
pub struct MintOptions {
    pub hash: Hash,
    /// Date stamp `YYMMDD`; defaults to an empty date (caller should set it).
    pub date: Option<String>,
    pub ext: String,
    /// Give up after this many attempts (None = no limit).
    pub max_attempts: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub bits: u32,
    pub date: String,
    pub resource: String,
    pub ext: String,
    pub rand: String,
    pub counter: String,
    pub hash: Hash,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    Malformed,
    WrongResource,
    InsufficientBits { wanted: u32, got: u32 },
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::Malformed => f.write_str("malformed stamp"),
            VerifyError::WrongResource => f.write_str("stamp is for a different resource"),
            VerifyError::InsufficientBits { wanted, got } => write!(f, "needed {wanted} bits, stamp has {got}"),
        }
    }
}

impl std::error::Error for VerifyError {}

fn leading_zero_bits(d: &[u8]) -> u32 {
    let mut n = 0;
    for &b in d {
        if b == 0 {
            n += 8;
        } else {
            n += b.leading_zeros();
            break;
        }
    }
    n
}

fn digest(hash: Hash, s: &str) -> Vec<u8> {
    match hash {
        Hash::Sha1 => Sha1::digest(s.as_bytes()).to_vec(),
        Hash::Sha256 => Sha256::digest(s.as_bytes()).to_vec(),
    }
}

impl Stamp {
    fn prefix(&self) -> String {
        format!("1:{}:{}:{}:{}:{}:", self.bits, self.date, self.resource, self.ext, self.rand)
    }

    fn fresh(resource: &str, bits: u32, opts: &MintOptions) -> Stamp {
        let mut r = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut r);
        Stamp {
            bits,
            date: opts.date.clone().unwrap_or_default(),
            resource: resource.to_string(),
            ext: opts.ext.clone(),
            rand: B64.encode(r),
            counter: String::new(),
            hash: opts.hash,
        }
    }

    /// Search for a counter on the current thread.
    pub fn mint(resource: &str, bits: u32, opts: MintOptions) -> Stamp {
        Self::try_mint(resource, bits, &opts).expect("max_attempts exhausted")
    }

    pub fn try_mint(resource: &str, bits: u32, opts: &MintOptions) -> Option<Stamp> {
        let mut st = Self::fresh(resource, bits, opts);
        let prefix = st.prefix();
        let limit = opts.max_attempts.unwrap_or(u64::MAX);
        for nonce in 0..limit {
            let ctr = B64.encode(nonce.to_be_bytes());
            if leading_zero_bits(&digest(opts.hash, &format!("{prefix}{ctr}"))) >= bits {
                st.counter = ctr;
                return Some(st);
            }
        }
        None
    }

    /// Search on `threads` worker threads; each takes every `threads`-th nonce.
    /// Returns when any worker succeeds; the others stop promptly.
    pub fn mint_parallel(resource: &str, bits: u32, opts: MintOptions, threads: usize) -> Option<Stamp> {
        let threads = threads.max(1);
        let base = Self::fresh(resource, bits, &opts);
        let prefix = Arc::new(base.prefix());
        let done = Arc::new(AtomicBool::new(false));
        let found = Arc::new(AtomicU64::new(u64::MAX));
        let limit = opts.max_attempts.unwrap_or(u64::MAX);
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| {
                let (prefix, done, found) = (prefix.clone(), done.clone(), found.clone());
                let hash = opts.hash;
                thread::spawn(move || {
                    let mut nonce = t;
                    while nonce < limit && !done.load(Ordering::Relaxed) {
                        let ctr = B64.encode(nonce.to_be_bytes());
                        if leading_zero_bits(&digest(hash, &format!("{prefix}{ctr}"))) >= bits {
                            found.fetch_min(nonce, Ordering::SeqCst);
                            done.store(true, Ordering::SeqCst);
                            return;
                        }
                        nonce += threads as u64;
                    }
                })
            })
            .collect();
        for h in handles {
            let _ = h.join();
        }
        let n = found.load(Ordering::SeqCst);
        (n != u64::MAX).then(|| Stamp { counter: B64.encode(n.to_be_bytes()), ..base })
    }

    pub fn parse(s: &str, hash: Hash) -> Result<Stamp, VerifyError> {
        let f: Vec<&str> = s.split(':').collect();
        if f.len() != 7 || f[0] != "1" {
            return Err(VerifyError::Malformed);
        }
        Ok(Stamp {
            bits: f[1].parse().map_err(|_| VerifyError::Malformed)?,
            date: f[2].into(),
            resource: f[3].into(),
            ext: f[4].into(),
            rand: f[5].into(),
            counter: f[6].into(),
            hash,
        })
    }

    /// Check the stamp is for `resource` and carries at least `min_bits` of work.
    pub fn verify(&self, resource: &str, min_bits: u32) -> Result<(), VerifyError> {
        if self.resource != resource {
            return Err(VerifyError::WrongResource);
        }
        let got = leading_zero_bits(&digest(self.hash, &self.to_string()));
        if got < min_bits || got < self.bits {
            return Err(VerifyError::InsufficientBits { wanted: min_bits.max(self.bits), got });
        }
        Ok(())
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix(), self.counter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mint_and_verify() {
        let s = Stamp::mint("bob@example.org", 10, MintOptions::default());
        assert!(s.verify("bob@example.org", 10).is_ok());
        let p = Stamp::parse(&s.to_string(), Hash::Sha1).unwrap();
        assert_eq!(p, s);
    }

    #[test]
    fn parallel() {
        let s = Stamp::mint_parallel("x", 8, MintOptions { hash: Hash::Sha256, ..Default::default() }, 2).unwrap();
        assert!(s.verify("x", 8).is_ok());
    }

    #[test]
    fn zero_bits() {
        assert_eq!(leading_zero_bits(&[0, 0x0f]), 12);
    }
}
