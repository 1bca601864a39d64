//! Job, header and share arithmetic.
//!
//! Stratum V1 sends `prevhash` as eight 4-byte words each byte-swapped, and
//! `version`, `nbits`, `ntime` as big-endian hex; the header itself is
//! little-endian. The helpers here hide those quirks.

use sha2::{Digest, Sha256};

/// Double SHA-256.
pub fn sha256d(data: &[u8]) -> [u8; 32] {
    let first = Sha256::digest(data);
    let second = Sha256::digest(first);
    let mut out = [0u8; 32];
    out.copy_from_slice(&second);
    out
}

/// Decodes hex; `None` on odd length or bad digits.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A `mining.notify` job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: String,
    pub prevhash: [u8; 32],
    pub coinb1: Vec<u8>,
    pub coinb2: Vec<u8>,
    pub branch: Vec<[u8; 32]>,
    pub version: u32,
    pub nbits: u32,
    pub ntime: u32,
    pub clean: bool,
}

/// Parses `mining.notify` params.
pub fn parse_notify(params: &[serde_json::Value]) -> Option<Job> {
    let s = |i: usize| params.get(i)?.as_str();
    let be32 = |i: usize| u32::from_str_radix(s(i)?, 16).ok();
    let prev = unhex(s(1)?)?;
    if prev.len() != 32 {
        return None;
    }
    // Undo the per-word swap so `prevhash` is in header (LE) order.
    let mut prevhash = [0u8; 32];
    for w in 0..8 {
        for b in 0..4 {
            prevhash[w * 4 + b] = prev[w * 4 + 3 - b];
        }
    }
    let branch = params
        .get(4)?
        .as_array()?
        .iter()
        .map(|v| {
            let b = unhex(v.as_str()?)?;
            let mut a = [0u8; 32];
            if b.len() != 32 {
                return None;
            }
            a.copy_from_slice(&b);
            Some(a)
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Job {
        id: s(0)?.to_owned(),
        prevhash,
        coinb1: unhex(s(2)?)?,
        coinb2: unhex(s(3)?)?,
        branch,
        version: be32(5)?,
        nbits: be32(6)?,
        ntime: be32(7)?,
        clean: params.get(8).and_then(|v| v.as_bool()).unwrap_or(false),
    })
}

/// Merkle root for a coinbase with the given extranonces.
pub fn merkle_root(job: &Job, en1: &[u8], en2: &[u8]) -> [u8; 32] {
    let mut cb = Vec::with_capacity(job.coinb1.len() + en1.len() + en2.len() + job.coinb2.len());
    cb.extend_from_slice(&job.coinb1);
    cb.extend_from_slice(en1);
    cb.extend_from_slice(en2);
    cb.extend_from_slice(&job.coinb2);
    let mut root = sha256d(&cb);
    for b in &job.branch {
        let mut cat = [0u8; 64];
        cat[..32].copy_from_slice(&root);
        cat[32..].copy_from_slice(b);
        root = sha256d(&cat);
    }
    root
}

/// 80-byte block header with `nonce = 0`.
pub fn header(job: &Job, merkle: &[u8; 32]) -> [u8; 80] {
    let mut h = [0u8; 80];
    h[0..4].copy_from_slice(&job.version.to_le_bytes());
    h[4..36].copy_from_slice(&job.prevhash);
    h[36..68].copy_from_slice(merkle);
    h[68..72].copy_from_slice(&job.ntime.to_le_bytes());
    h[72..76].copy_from_slice(&job.nbits.to_le_bytes());
    h
}

/// Share target for a pool difficulty, as a big-endian 256-bit number.
///
/// Difficulty 1 is `0x00000000ffff0000…0000`; target = diff1 / difficulty.
pub fn target_for_difficulty(diff: f64) -> [u8; 32] {
    let diff = if diff.is_finite() && diff > 0.0 { diff } else { 1.0 };
    // Work in 64-bit limbs, most significant first: diff1 = 0xffff << 208.
    let mut limbs = [0u64; 4];
    let scaled = (0xffff as f64) / diff; // may be fractional
    // target = scaled * 2^208
    let exp = 208i32;
    let mant = scaled * 2f64.powi(52);
    let shift = exp - 52;
    let m = mant as u128;
    for (i, limb) in limbs.iter_mut().enumerate() {
        let bit_lo = (3 - i as i32) * 64;
        let rel = bit_lo - shift;
        *limb = if rel >= 128 || rel <= -128 {
            0
        } else if rel >= 0 {
            (m >> rel) as u64
        } else {
            (m << (-rel)) as u64
        };
    }
    let mut out = [0u8; 32];
    for (i, l) in limbs.iter().enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&l.to_be_bytes());
    }
    out
}

/// Whether a header hash (as produced by `sha256d`, little-endian) meets a
/// big-endian target.
pub fn meets_target(hash_le: &[u8; 32], target_be: &[u8; 32]) -> bool {
    for i in 0..32 {
        let h = hash_le[31 - i];
        let t = target_be[i];
        if h != t {
            return h < t;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff1_target() {
        let t = target_for_difficulty(1.0);
        assert_eq!(&t[..6], &[0, 0, 0, 0, 0xff, 0xff]);
        assert!(t[6..].iter().all(|b| *b == 0));
    }

    #[test]
    fn higher_difficulty_lower_target() {
        assert!(target_for_difficulty(2.0) < target_for_difficulty(1.0));
        assert!(target_for_difficulty(0.5) > target_for_difficulty(1.0));
    }

    #[test]
    fn compare() {
        let mut t = [0u8; 32];
        t[4] = 0xff;
        let mut h = [0u8; 32];
        h[27] = 0xfe;
        assert!(meets_target(&h, &t));
        h[27] = 0xff;
        h[26] = 1;
        assert!(!meets_target(&h, &t));
    }
}
