use tiny_keccak::{Hasher, Keccak};

use crate::Error;

pub fn check(hex: &str) -> Result<(), Error> {
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Format);
    }
    // all-lower / all-upper addresses carry no checksum
    if hex.bytes().all(|b| !b.is_ascii_uppercase()) || hex.bytes().all(|b| !b.is_ascii_lowercase()) {
        return Ok(());
    }
    let lower = hex.to_ascii_lowercase();
    let mut k = Keccak::v256();
    k.update(lower.as_bytes());
    let mut h = [0u8; 32];
    k.finalize(&mut h);
    for (i, c) in hex.chars().enumerate() {
        let nibble = (h[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0x0f;
        if c.is_ascii_alphabetic() && (c.is_ascii_uppercase() != (nibble >= 8)) {
            return Err(Error::Eip55Checksum);
        }
    }
    Ok(())
}
