use serde_json::Value;
use sha2::{Digest, Sha256};

/// A `mining.notify` job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub job_id: String,
    pub prev_hash: String,
    pub coinb1: String,
    pub coinb2: String,
    pub merkle_branch: Vec<String>,
    pub version: String,
    pub nbits: String,
    pub ntime: String,
    pub clean_jobs: bool,
}

impl Job {
    pub fn from_params(p: &[Value]) -> Option<Job> {
        let s = |i: usize| p.get(i)?.as_str().map(str::to_owned);
        Some(Job {
            job_id: s(0)?,
            prev_hash: s(1)?,
            coinb1: s(2)?,
            coinb2: s(3)?,
            merkle_branch: p.get(4)?.as_array()?.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
            version: s(5)?,
            nbits: s(6)?,
            ntime: s(7)?,
            clean_jobs: p.get(8).and_then(Value::as_bool).unwrap_or(false),
        })
    }

    /// Coinbase transaction for the given extranonces.
    pub fn coinbase(&self, extranonce1: &str, extranonce2: &str) -> Option<Vec<u8>> {
        hex::decode(format!("{}{}{}{}", self.coinb1, extranonce1, extranonce2, self.coinb2)).ok()
    }
}

/// A share to submit with `mining.submit`.
#[derive(Clone, Debug)]
pub struct Share {
    pub worker: String,
    pub job_id: String,
    pub extranonce2: String,
    pub ntime: String,
    pub nonce: String,
}

fn sha256d(data: &[u8]) -> [u8; 32] {
    let once = Sha256::digest(data);
    Sha256::digest(once).into()
}

/// Merkle root from the coinbase and the job's branch (all little-endian hashes).
pub fn merkle_root(coinbase: &[u8], branch: &[String]) -> Option<[u8; 32]> {
    let mut root = sha256d(coinbase);
    for h in branch {
        let sibling = hex::decode(h).ok()?;
        let mut buf = Vec::with_capacity(64);
        buf.extend_from_slice(&root);
        buf.extend_from_slice(&sibling);
        root = sha256d(&buf);
    }
    Some(root)
}

/// Share target for a pool difficulty (difficulty 1 = 0x00000000ffff0000...).
pub fn difficulty_to_target(difficulty: f64) -> [u8; 32] {
    let mut target = [0u8; 32];
    if !(difficulty > 0.0) {
        return [0xff; 32];
    }
    // diff1 = 0xffff * 2^208; target = diff1 / difficulty, computed on the top 64 bits
    let top = (0xffffu128 << 48) as f64 / difficulty;
    let top = if top >= u64::MAX as f64 { u64::MAX } else { top as u64 };
    target[4..12].copy_from_slice(&top.to_be_bytes());
    target
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff1_target() {
        let t = difficulty_to_target(1.0);
        assert_eq!(&t[..8], &[0, 0, 0, 0, 0xff, 0xff, 0, 0]);
    }

    #[test]
    fn root_without_branch_is_coinbase_hash() {
        assert_eq!(merkle_root(b"abc", &[]).unwrap(), sha256d(b"abc"));
    }
}
