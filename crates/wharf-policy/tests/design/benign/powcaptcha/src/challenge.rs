use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::replay::{MemoryReplay, ReplayStore};

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Malformed,
    BadSignature,
    Expired,
    InsufficientWork,
    Replayed,
}

#[derive(Clone, Debug)]
pub struct Challenge {
    pub salt: String,
    pub difficulty: u32,
    pub expires: u64,
    pub signature: String,
}

impl Challenge {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"salt\":\"{}\",\"difficulty\":{},\"expires\":{},\"signature\":\"{}\"}}",
            self.salt, self.difficulty, self.expires, self.signature
        )
    }

    /// The value the widget puts into the hidden `pow` form field.
    pub fn solution_field(&self, nonce: u64) -> String {
        format!("{}.{}.{}.{}.{}", self.salt, self.difficulty, self.expires, nonce, self.signature)
    }
}

pub struct Issuer {
    key: Vec<u8>,
    difficulty: u32,
    ttl: Duration,
    replay: Box<dyn ReplayStore + Send + Sync>,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Issuer {
    pub fn new(secret: &[u8], difficulty: u32) -> Issuer {
        assert!(secret.len() >= 8, "use a real secret");
        assert!((1..=32).contains(&difficulty), "difficulty must be 1..=32 bits");
        Issuer {
            key: secret.to_vec(),
            difficulty,
            ttl: Duration::from_secs(600),
            replay: Box::new(MemoryReplay::default()),
        }
    }

    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    pub fn with_replay_store(mut self, store: impl ReplayStore + Send + Sync + 'static) -> Self {
        self.replay = Box::new(store);
        self
    }

    fn sign(&self, salt: &str, difficulty: u32, expires: u64) -> String {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("hmac key");
        mac.update(format!("{salt}.{difficulty}.{expires}").as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    pub fn challenge(&self) -> Challenge {
        let mut raw = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut raw);
        let salt = URL_SAFE_NO_PAD.encode(raw);
        let expires = now() + self.ttl.as_secs();
        let signature = self.sign(&salt, self.difficulty, expires);
        Challenge { salt, difficulty: self.difficulty, expires, signature }
    }

    pub fn verify(&self, field: &str) -> Verdict {
        let parts: Vec<&str> = field.split('.').collect();
        let [salt, diff, expires, nonce, sig] = parts[..] else { return Verdict::Malformed };
        let (Ok(diff), Ok(expires), Ok(_)) = (diff.parse::<u32>(), expires.parse::<u64>(), nonce.parse::<u64>()) else {
            return Verdict::Malformed;
        };
        let expected = self.sign(salt, diff, expires);
        if expected.as_bytes().ct_eq(sig.as_bytes()).unwrap_u8() != 1 {
            return Verdict::BadSignature;
        }
        if expires < now() {
            return Verdict::Expired;
        }
        if diff < self.difficulty {
            return Verdict::InsufficientWork;
        }
        let mut h = Sha256::new();
        h.update(salt.as_bytes());
        h.update(nonce.as_bytes());
        if crate::leading_zero_bits(&h.finalize()) < diff {
            return Verdict::InsufficientWork;
        }
        if !self.replay.insert_once(salt, expires) {
            return Verdict::Replayed;
        }
        Verdict::Ok
    }
}
