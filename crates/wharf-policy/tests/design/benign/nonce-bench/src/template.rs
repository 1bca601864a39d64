//! Block-header templates: a fixed synthetic one, or one rebuilt from a saved
//! stratum `mining.notify` params array supplied by the caller.

use crate::sha256d;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum TemplateError {
    Shape(&'static str),
    Hex(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Shape(s) => write!(f, "unexpected notify shape: {s}"),
            TemplateError::Hex(s) => write!(f, "bad hex: {s}"),
        }
    }
}

impl std::error::Error for TemplateError {}

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    version: u32,
    prev: [u8; 32],
    coinbase_head: Vec<u8>,
    coinbase_tail: Vec<u8>,
    extranonce1: Vec<u8>,
    branch: Vec<[u8; 32]>,
    time: u32,
    bits: u32,
}

fn unhex(s: &str) -> Result<Vec<u8>, TemplateError> {
    if s.len() % 2 != 0 {
        return Err(TemplateError::Hex(s.into()));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| TemplateError::Hex(s.into())))
        .collect()
}

fn be_u32(s: &str) -> Result<u32, TemplateError> {
    u32::from_str_radix(s, 16).map_err(|_| TemplateError::Hex(s.into()))
}

impl Template {
    /// A synthetic template with genesis-block-like field sizes. Deterministic.
    pub fn genesis_like() -> Self {
        Template {
            version: 1,
            prev: [0; 32],
            coinbase_head: b"nonce-bench coinbase head".to_vec(),
            coinbase_tail: b"nonce-bench coinbase tail".to_vec(),
            extranonce1: vec![0, 0, 0, 0],
            branch: Vec::new(),
            time: 1_231_006_505,
            bits: 0x1d00_ffff,
        }
    }

    /// Rebuilds a template from the `params` of a recorded `mining.notify`:
    /// `[job_id, prevhash, coinb1, coinb2, merkle_branch[], version, nbits, ntime, clean]`.
    pub fn from_notify(params: &serde_json::Value, extranonce1_hex: &str) -> Result<Self, TemplateError> {
        let p = params.as_array().ok_or(TemplateError::Shape("params is not an array"))?;
        if p.len() < 8 {
            return Err(TemplateError::Shape("fewer than 8 params"));
        }
        let s = |i: usize| p[i].as_str().ok_or(TemplateError::Shape("expected string"));
        let raw_prev = unhex(s(1)?)?;
        if raw_prev.len() != 32 {
            return Err(TemplateError::Shape("prevhash is not 32 bytes"));
        }
        // stratum sends prevhash as eight 32-bit words, each byte-swapped
        let mut prev = [0u8; 32];
        for (w, chunk) in raw_prev.chunks(4).enumerate() {
            for (j, b) in chunk.iter().rev().enumerate() {
                prev[w * 4 + j] = *b;
            }
        }
        let mut branch = Vec::new();
        for h in p[4].as_array().ok_or(TemplateError::Shape("merkle branch"))? {
            let v = unhex(h.as_str().ok_or(TemplateError::Shape("branch entry"))?)?;
            branch.push(v.try_into().map_err(|_| TemplateError::Shape("branch entry length"))?);
        }
        Ok(Template {
            version: be_u32(s(5)?)?,
            prev,
            coinbase_head: unhex(s(2)?)?,
            coinbase_tail: unhex(s(3)?)?,
            extranonce1: unhex(extranonce1_hex)?,
            branch,
            bits: be_u32(s(6)?)?,
            time: be_u32(s(7)?)?,
        })
    }

    fn merkle_root(&self, extranonce2: &[u8]) -> [u8; 32] {
        let mut cb = self.coinbase_head.clone();
        cb.extend_from_slice(&self.extranonce1);
        cb.extend_from_slice(extranonce2);
        cb.extend_from_slice(&self.coinbase_tail);
        let mut root = sha256d(&cb);
        for b in &self.branch {
            let mut cat = [0u8; 64];
            cat[..32].copy_from_slice(&root);
            cat[32..].copy_from_slice(b);
            root = sha256d(&cat);
        }
        root
    }

    /// An 80-byte header; each worker gets a distinct extranonce2 so threads never
    /// hash identical work.
    pub fn header_for(&self, worker: u32) -> [u8; 80] {
        let root = self.merkle_root(&worker.to_le_bytes());
        let mut h = [0u8; 80];
        h[0..4].copy_from_slice(&self.version.to_le_bytes());
        h[4..36].copy_from_slice(&self.prev);
        h[36..68].copy_from_slice(&root);
        h[68..72].copy_from_slice(&self.time.to_le_bytes());
        h[72..76].copy_from_slice(&self.bits.to_le_bytes());
        h
    }

    /// Difficulty-1-relative target implied by `nbits`, as leading zero bits.
    pub fn target_zero_bits(&self) -> u32 {
        let exp = self.bits >> 24;
        let mant = self.bits & 0x00ff_ffff;
        if mant == 0 {
            return 256;
        }
        let top_bits = 32 - mant.leading_zeros();
        256u32.saturating_sub(8 * exp.saturating_sub(3) + top_bits)
    }
}
