//! Request identifiers: 128-bit, rendered as 32 lowercase hex digits.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use http::HeaderValue;

static COUNTER: AtomicU64 = AtomicU64::new(0);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// Accept any caller-provided id of 1..=128 visible ASCII chars.
    pub fn parse(s: &str) -> Option<RequestId> {
        let s = s.trim();
        if s.is_empty() || s.len() > 128 || !s.bytes().all(|b| (0x21..0x7f).contains(&b)) {
            return None;
        }
        Some(RequestId(s.to_owned()))
    }

    pub fn generate() -> RequestId {
        let [a, b] = random_u64x2();
        RequestId(format!("{a:016x}{b:016x}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn header_value(&self) -> HeaderValue {
        HeaderValue::from_str(&self.0).unwrap_or_else(|_| HeaderValue::from_static("invalid"))
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Non-cryptographic randomness good enough for ids: SipHash keyed by the
/// per-process `RandomState`, over time and a counter.
pub(crate) fn random_u64x2() -> [u64; 2] {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let mut out = [0u64; 2];
    for (i, slot) in out.iter_mut().enumerate() {
        let mut h = RandomState::new().build_hasher();
        h.write_u128(t);
        h.write_u64(n);
        h.write_usize(i);
        *slot = h.finish();
    }
    out
}
