//! Share validation for pool servers and auditing proxies.
//!
//! Given the job a pool sent and a miner's submission, rebuild the block
//! header and check the hash against the share target. This is the same
//! check a pool performs before crediting a share.

use crate::target::Target;
use crate::Error;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A `mining.notify` job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Job id.
    pub job_id: String,
    /// Previous block hash, as sent (8 byte-swapped 32-bit words).
    pub prevhash: String,
    /// Coinbase part 1, hex.
    pub coinb1: String,
    /// Coinbase part 2, hex.
    pub coinb2: String,
    /// Merkle branch hashes, hex.
    pub merkle_branch: Vec<String>,
    /// Block version, hex big-endian.
    pub version: String,
    /// Compact target, hex.
    pub nbits: String,
    /// Time, hex big-endian.
    pub ntime: String,
    /// Whether older jobs are invalidated.
    pub clean_jobs: bool,
}

impl Job {
    pub(crate) fn from_params(p: &Value) -> Result<Job, Error> {
        let s = |i: usize| -> Result<String, Error> {
            p.get(i)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| Error::Shape(format!("notify param {i}")))
        };
        Ok(Job {
            job_id: s(0)?,
            prevhash: s(1)?,
            coinb1: s(2)?,
            coinb2: s(3)?,
            merkle_branch: p
                .get(4)
                .and_then(Value::as_array)
                .ok_or_else(|| Error::Shape("merkle branch".into()))?
                .iter()
                .filter_map(|b| b.as_str().map(str::to_string))
                .collect(),
            version: s(5)?,
            nbits: s(6)?,
            ntime: s(7)?,
            clean_jobs: p.get(8).and_then(Value::as_bool).unwrap_or(false),
        })
    }
}

/// A `mining.submit` payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// Worker name.
    pub worker: String,
    /// Job id.
    pub job_id: String,
    /// Extranonce2, hex.
    pub extranonce2: String,
    /// Time, hex.
    pub ntime: String,
    /// Nonce, hex.
    pub nonce: String,
    /// Optional BIP 310 version bits.
    pub version_bits: Option<String>,
}

/// Outcome of a share check.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareCheck {
    /// Meets the share target; includes the achieved difficulty.
    Valid { hash_be: String, achieved: f64 },
    /// Hash does not meet the share target.
    LowDifficulty { achieved: f64 },
    /// Malformed fields (bad hex, wrong lengths, job mismatch).
    Malformed(&'static str),
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

fn dsha(b: &[u8]) -> [u8; 32] {
    Sha256::digest(Sha256::digest(b)).into()
}

fn le4(hex_be: &str) -> Option<[u8; 4]> {
    let v = unhex(hex_be)?;
    let arr: [u8; 4] = v.try_into().ok()?;
    Some(u32::from_be_bytes(arr).to_le_bytes())
}

/// Rebuild the 80-byte header for a submission.
pub fn build_header(job: &Job, extranonce1: &str, sub: &Submission) -> Result<[u8; 80], &'static str> {
    if job.job_id != sub.job_id {
        return Err("job id mismatch");
    }
    let mut coinbase = unhex(&job.coinb1).ok_or("coinb1 hex")?;
    coinbase.extend(unhex(extranonce1).ok_or("extranonce1 hex")?);
    coinbase.extend(unhex(&sub.extranonce2).ok_or("extranonce2 hex")?);
    coinbase.extend(unhex(&job.coinb2).ok_or("coinb2 hex")?);
    let mut root = dsha(&coinbase);
    for b in &job.merkle_branch {
        let b = unhex(b).ok_or("branch hex")?;
        if b.len() != 32 {
            return Err("branch length");
        }
        let mut cat = Vec::with_capacity(64);
        cat.extend_from_slice(&root);
        cat.extend_from_slice(&b);
        root = dsha(&cat);
    }
    let prev = unhex(&job.prevhash).ok_or("prevhash hex")?;
    if prev.len() != 32 {
        return Err("prevhash length");
    }
    let mut version = u32::from_str_radix(&job.version, 16).map_err(|_| "version hex")?;
    if let Some(vb) = &sub.version_bits {
        version |= u32::from_str_radix(vb, 16).map_err(|_| "version bits hex")?;
    }
    let mut h = [0u8; 80];
    h[0..4].copy_from_slice(&version.to_le_bytes());
    for w in 0..8 {
        for k in 0..4 {
            h[4 + 4 * w + k] = prev[4 * w + (3 - k)];
        }
    }
    h[36..68].copy_from_slice(&root);
    h[68..72].copy_from_slice(&le4(&sub.ntime).ok_or("ntime hex")?);
    h[72..76].copy_from_slice(&le4(&job.nbits).ok_or("nbits hex")?);
    h[76..80].copy_from_slice(&le4(&sub.nonce).ok_or("nonce hex")?);
    Ok(h)
}

/// Check a submitted share against `share_target`.
pub fn check_share(job: &Job, extranonce1: &str, sub: &Submission, share_target: &Target) -> ShareCheck {
    let header = match build_header(job, extranonce1, sub) {
        Ok(h) => h,
        Err(e) => return ShareCheck::Malformed(e),
    };
    let hash = dsha(&header);
    let mut be = hash;
    be.reverse();
    let achieved = crate::target::target_to_difficulty(&Target(be));
    if share_target.is_met_by_hash_le(&hash) {
        ShareCheck::Valid { hash_be: be.iter().map(|b| format!("{b:02x}")).collect(), achieved }
    } else {
        ShareCheck::LowDifficulty { achieved }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> Job {
        Job {
            job_id: "1".into(),
            prevhash: "00".repeat(32),
            coinb1: "01000000".into(),
            coinb2: "ffffffff".into(),
            merkle_branch: vec![],
            version: "20000000".into(),
            nbits: "1d00ffff".into(),
            ntime: "65a1b2c3".into(),
            clean_jobs: true,
        }
    }

    fn sub(nonce: &str) -> Submission {
        Submission {
            worker: "alice.rig1".into(),
            job_id: "1".into(),
            extranonce2: "00000000".into(),
            ntime: "65a1b2c3".into(),
            nonce: nonce.into(),
            version_bits: None,
        }
    }

    #[test]
    fn header_layout() {
        let h = build_header(&job(), "abcd", &sub("00000001")).unwrap();
        assert_eq!(&h[0..4], &[0, 0, 0, 0x20]);
        assert_eq!(&h[76..80], &[1, 0, 0, 0]);
    }

    #[test]
    fn everything_meets_max_target() {
        let t = Target([0xff; 32]);
        assert!(matches!(check_share(&job(), "abcd", &sub("00000001"), &t), ShareCheck::Valid { .. }));
    }

    #[test]
    fn job_mismatch_is_malformed() {
        let mut s = sub("00000001");
        s.job_id = "2".into();
        assert_eq!(check_share(&job(), "abcd", &s, &Target::DIFF1), ShareCheck::Malformed("job id mismatch"));
    }
}
