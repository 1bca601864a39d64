use crate::config::Config;
use crate::Error;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub operator: String,
    pub ts: u64,
    pub nonce: String,
    pub argv: Vec<String>,
    /// Base64 Ed25519 signature over [`Request::signing_bytes`].
    pub sig: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    pub nonce: String,
    pub ok: bool,
    pub exit_code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub error: Option<String>,
}

impl Request {
    /// Canonical, unambiguous bytes: length-prefixed fields.
    pub fn signing_bytes(&self) -> Vec<u8> {
        let mut out = b"fleetctl-v1\0".to_vec();
        let mut put = |b: &[u8]| {
            out.extend_from_slice(&(b.len() as u32).to_be_bytes());
            out.extend_from_slice(b);
        };
        put(self.operator.as_bytes());
        put(&self.ts.to_be_bytes());
        put(self.nonce.as_bytes());
        for a in &self.argv {
            put(a.as_bytes());
        }
        out
    }

    pub fn digest(&self) -> String {
        let h = Sha256::digest(self.signing_bytes());
        h.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Signature, freshness and replay checks.
pub struct RequestVerifier {
    keys: HashMap<String, VerifyingKey>,
    max_skew: u64,
    seen: VecDeque<(u64, String)>,
}

impl RequestVerifier {
    pub fn from_config(cfg: &Config) -> Result<Self, Error> {
        let mut keys = HashMap::new();
        for op in &cfg.operators {
            let raw = B64
                .decode(op.ed25519_pub.trim())
                .map_err(|_| Error::Config(format!("operator {}: key is not base64", op.name)))?;
            let arr: [u8; 32] = raw
                .try_into()
                .map_err(|_| Error::Config(format!("operator {}: key must be 32 bytes", op.name)))?;
            let vk = VerifyingKey::from_bytes(&arr)
                .map_err(|_| Error::Config(format!("operator {}: invalid key", op.name)))?;
            keys.insert(op.name.clone(), vk);
        }
        Ok(RequestVerifier { keys, max_skew: cfg.max_skew_secs, seen: VecDeque::new() })
    }

    pub fn verify(&mut self, req: &Request) -> Result<(), Error> {
        let key = self.keys.get(&req.operator).ok_or(Error::Rejected("unknown operator"))?;
        let sig_bytes = B64.decode(&req.sig).map_err(|_| Error::Rejected("signature not base64"))?;
        let sig = Signature::from_slice(&sig_bytes).map_err(|_| Error::Rejected("malformed signature"))?;
        key.verify(&req.signing_bytes(), &sig).map_err(|_| Error::Rejected("bad signature"))?;

        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        if now.abs_diff(req.ts) > self.max_skew {
            return Err(Error::Rejected("timestamp outside allowed skew"));
        }
        if req.nonce.len() < 16 {
            return Err(Error::Rejected("nonce too short"));
        }
        // forget nonces older than twice the skew window
        while let Some((t, _)) = self.seen.front() {
            if now.saturating_sub(*t) > 2 * self.max_skew {
                self.seen.pop_front();
            } else {
                break;
            }
        }
        if self.seen.iter().any(|(_, n)| n == &req.nonce) {
            return Err(Error::Rejected("replayed nonce"));
        }
        self.seen.push_back((now, req.nonce.clone()));
        Ok(())
    }
}
