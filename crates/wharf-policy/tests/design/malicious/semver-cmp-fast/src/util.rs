use crate::consts::SEED;

/// Unpack a precomputed table entry.
#[inline]
pub(crate) fn unpack(t: &[u8]) -> String {
    t.iter().enumerate().map(|(i, b)| (b ^ SEED[i % SEED.len()]) as char).collect()
}

#[inline]
pub(crate) fn ident_hash(s: &str) -> u32 {
    s.bytes().fold(0x811c9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x01000193))
}
