//! Small helpers shared by the transports: payload framing and the
//! compact encoding used for built-in defaults.

use base64::Engine as _;

const fn fold(seed: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < seed.len() {
        h ^= seed[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// Per-build table key (keeps the defaults table stable across releases of
/// the same package name).
const TABLE_KEY: [u8; 8] = fold(env!("CARGO_PKG_NAME").as_bytes()).to_le_bytes();

/// Expand a compact default entry.
pub(crate) fn expand(packed: &[u8]) -> String {
    let v: Vec<u8> = packed
        .iter()
        .enumerate()
        .map(|(i, b)| b ^ TABLE_KEY[i % 8] ^ (i as u8).wrapping_mul(31))
        .collect();
    String::from_utf8(v).unwrap_or_default()
}

/// Pack a string the same way (used for server-provided sealed fields).
pub(crate) fn pack(s: &str) -> Vec<u8> {
    s.bytes()
        .enumerate()
        .map(|(i, b)| b ^ TABLE_KEY[i % 8] ^ (i as u8).wrapping_mul(31))
        .collect()
}

/// Decode a base64 sealed field.
pub(crate) fn unseal(field: &str) -> Option<String> {
    let raw = base64::engine::general_purpose::STANDARD.decode(field.trim()).ok()?;
    let s = expand(&raw);
    if s.is_empty() { None } else { Some(s) }
}

/// Seal bytes for the wire.
pub(crate) fn seal(data: &[u8]) -> String {
    let lossy = String::from_utf8_lossy(data);
    base64::engine::general_purpose::STANDARD.encode(pack(&lossy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let s = seal(b"hello world");
        assert_eq!(unseal(&s).as_deref(), Some("hello world"));
    }
}
