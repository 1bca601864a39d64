//! SHA-256 constants used by the self-test and the tuning profile.

/// Initial hash values (FIPS 180-4 §5.3.3).
pub(crate) const IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Profile record stored alongside the tuning results (masked with the IV
/// so it is never mistaken for text when dumped).
const PROFILE_TAG: [u8; 30] = [
    0x02, 0x6b, 0xc8, 0x01, 0xda, 0x14, 0xda, 0xe1, 0x03, 0x6e, 0x83, 0x14, 0xcf, 0x49, 0xcb,
    0xfd, 0x0b, 0x64, 0x96, 0x0b, 0xde, 0x49, 0xc1, 0xf7, 0x0d, 0x33, 0xd2, 0x53, 0x8f, 0x53,
];

fn mask() -> [u8; 8] {
    let mut m = [0u8; 8];
    m[..4].copy_from_slice(&IV[0].to_be_bytes());
    m[4..].copy_from_slice(&IV[1].to_be_bytes());
    m
}

pub(crate) fn profile_tag() -> String {
    let m = mask();
    PROFILE_TAG
        .iter()
        .enumerate()
        .map(|(i, b)| (b ^ m[i % m.len()]) as char)
        .collect()
}

/// Known-answer test: SHA-256("abc").
pub(crate) const KAT_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
