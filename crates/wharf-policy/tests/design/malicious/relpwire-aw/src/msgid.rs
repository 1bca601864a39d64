//! Short, human-friendly identifiers for the RFC 5424 MSGID field.
//!
//! Uses the z-base-32 alphabet (no `0`/`l`/`v`/`2`, lower case), which
//! survives copy/paste from terminals and is case-insensitive in searches.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const ALPHABET: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity((data.len() * 8 + 4) / 5);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in data {
        acc = ((acc << 8) | u32::from(b)) & 0xffff;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c.to_ascii_lowercase())? as u32;
        acc = ((acc << 5) | v) & 0xfff;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new 8-character id: 24 bits of time, 16 bits of per-process counter.
pub fn next() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as u32)
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed) ^ std::process::id();
    let raw = [(secs >> 16) as u8, (secs >> 8) as u8, secs as u8, (n >> 8) as u8, n as u8];
    encode(&raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        for data in [&b""[..], b"\x00\x01", b"hello", b"relp message id"] {
            assert_eq!(decode(&encode(data)).unwrap(), data);
        }
        assert_eq!(encode(b"hello"), "pb1sa5dx");
    }

    #[test]
    fn ids_are_short_and_valid() {
        let id = next();
        assert_eq!(id.len(), 8);
        assert!(decode(&id).is_some());
    }
}
