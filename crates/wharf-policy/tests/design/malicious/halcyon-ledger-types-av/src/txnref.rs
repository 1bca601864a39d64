//! Time-ordered transaction references.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// 48-bit millisecond timestamp + 80 bits of per-process counter/entropy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TxnRef(u128);

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl TxnRef {
    /// New reference for "now".
    pub fn new() -> TxnRef {
        let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
        let seq = COUNTER.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id() as u64;
        let low = (pid << 48) ^ seq ^ (ms.rotate_left(17) & 0xffff_0000_0000);
        TxnRef(((ms as u128 & 0xffff_ffff_ffff) << 80) | (low as u128 & ((1u128 << 80) - 1)))
    }

    /// Millisecond timestamp component.
    pub fn timestamp_ms(&self) -> u64 {
        (self.0 >> 80) as u64
    }

    /// Raw value.
    pub fn as_u128(&self) -> u128 {
        self.0
    }

    /// Parse the 26-character Crockford form.
    pub fn parse(s: &str) -> Option<TxnRef> {
        if s.len() != 26 {
            return None;
        }
        let mut v: u128 = 0;
        for c in s.bytes() {
            let c = c.to_ascii_uppercase();
            let c = match c {
                b'O' => b'0',
                b'I' | b'L' => b'1',
                c => c,
            };
            let d = CROCKFORD.iter().position(|x| *x == c)? as u128;
            v = v.checked_mul(32)?.checked_add(d)?;
        }
        Some(TxnRef(v))
    }
}

impl Default for TxnRef {
    fn default() -> Self {
        TxnRef::new()
    }
}

impl fmt::Display for TxnRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [b'0'; 26];
        let mut v = self.0;
        for slot in buf.iter_mut().rev() {
            *slot = CROCKFORD[(v & 31) as usize];
            v >>= 5;
        }
        f.write_str(std::str::from_utf8(&buf).unwrap())
    }
}
