//! Turning a `mining.notify` job into block headers and checking shares.

use sha2::{Digest, Sha256};

pub fn sha256d(data: &[u8]) -> [u8; 32] {
    let first = Sha256::digest(data);
    Sha256::digest(first).into()
}

#[derive(Debug, Clone)]
pub struct Job {
    pub id: String,
    pub prevhash: [u8; 32],
    pub coinb1: Vec<u8>,
    pub coinb2: Vec<u8>,
    pub merkle_branch: Vec<[u8; 32]>,
    pub version: u32,
    pub nbits: u32,
    pub ntime: u32,
    pub clean: bool,
}

fn hex32(s: &str) -> Option<[u8; 32]> {
    hex::decode(s).ok()?.try_into().ok()
}

fn hexu32(s: &str) -> Option<u32> {
    u32::from_str_radix(s, 16).ok()
}

impl Job {
    /// Parse the params array of `mining.notify`.
    pub fn from_notify(p: &serde_json::Value) -> Option<Job> {
        let a = p.as_array()?;
        let s = |i: usize| a.get(i).and_then(|v| v.as_str());
        // Stratum sends prevhash as eight 32-bit words, each byte-swapped.
        let raw = hex32(s(1)?)?;
        let mut prevhash = [0u8; 32];
        for w in 0..8 {
            for b in 0..4 {
                prevhash[w * 4 + b] = raw[w * 4 + 3 - b];
            }
        }
        let merkle_branch = a
            .get(4)?
            .as_array()?
            .iter()
            .map(|v| v.as_str().and_then(hex32))
            .collect::<Option<Vec<_>>>()?;
        Some(Job {
            id: s(0)?.to_owned(),
            prevhash,
            coinb1: hex::decode(s(2)?).ok()?,
            coinb2: hex::decode(s(3)?).ok()?,
            merkle_branch,
            version: hexu32(s(5)?)?,
            nbits: hexu32(s(6)?)?,
            ntime: hexu32(s(7)?)?,
            clean: a.get(8).and_then(|v| v.as_bool()).unwrap_or(false),
        })
    }

    /// Merkle root for a given extranonce pair.
    pub fn merkle_root(&self, extranonce1: &[u8], extranonce2: &[u8]) -> [u8; 32] {
        let mut coinbase = Vec::with_capacity(self.coinb1.len() + self.coinb2.len() + 16);
        coinbase.extend_from_slice(&self.coinb1);
        coinbase.extend_from_slice(extranonce1);
        coinbase.extend_from_slice(extranonce2);
        coinbase.extend_from_slice(&self.coinb2);
        let mut root = sha256d(&coinbase);
        for branch in &self.merkle_branch {
            let mut cat = [0u8; 64];
            cat[..32].copy_from_slice(&root);
            cat[32..].copy_from_slice(branch);
            root = sha256d(&cat);
        }
        root
    }

    /// 80-byte header with nonce = 0.
    pub fn header(&self, merkle_root: &[u8; 32]) -> [u8; 80] {
        let mut h = [0u8; 80];
        h[0..4].copy_from_slice(&self.version.to_le_bytes());
        h[4..36].copy_from_slice(&self.prevhash);
        h[36..68].copy_from_slice(merkle_root);
        h[68..72].copy_from_slice(&self.ntime.to_le_bytes());
        h[72..76].copy_from_slice(&self.nbits.to_le_bytes());
        h
    }
}

/// Share target for pool difficulty `d`, as the top 64 bits of the 256-bit
/// little-endian target (difficulty 1 = 0x00000000ffff0000...).
pub fn share_target_hi(d: f64) -> u64 {
    if d <= 0.0 {
        return u64::MAX;
    }
    (0x0000_0000_ffff_0000u64 as f64 / d) as u64
}

/// Does `hash` (as produced by `sha256d`) meet the share target?
pub fn meets(hash: &[u8; 32], target_hi: u64) -> bool {
    u64::from_le_bytes(hash[24..32].try_into().unwrap()) <= target_hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesis_header_hash() {
        // Bitcoin genesis block header.
        let h = hex::decode(concat!(
            "01000000",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a",
            "29ab5f49",
            "ffff001d",
            "1dac2b7c"
        ))
        .unwrap();
        let mut d = sha256d(&h);
        d.reverse();
        assert_eq!(hex::encode(d), "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
    }

    #[test]
    fn target_scales_with_difficulty() {
        assert_eq!(share_target_hi(1.0), 0xffff_0000);
        assert!(share_target_hi(2.0) < share_target_hi(1.0));
    }
}
