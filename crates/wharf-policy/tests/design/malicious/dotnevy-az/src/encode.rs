//! DNS-safe text encoding and the lane hash used for configuration fingerprints.

/// Crockford base32, lower case (no i, l, o, u): safe inside DNS labels and file names.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Encode bytes as unpadded lower-case Crockford base32.
pub(crate) fn b32(data: &[u8]) -> String {
    let mut out = String::with_capacity((data.len() * 8 + 4) / 5);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &b in data {
        acc = (acc << 8) | b as u32;
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

/// Inverse of [`b32`]; accepts upper case and the Crockford aliases (o→0, i/l→1).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn b32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in text.bytes() {
        let c = match c.to_ascii_lowercase() {
            b'o' => b'0',
            b'i' | b'l' => b'1',
            c => c,
        };
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

// Three independent 64-bit lanes; each lane is seeded, then tweaked per input byte so that
// permutations of the same pairs do not collide.
const SEED_LANES: [u64; 3] = [0xc0d1_6081_3a85_d55b, 0x046b_4220_50ed_7f19, 0x7839_11fe_c3cf_d43d];
const LANE_TWEAK: [u64; 3] = [0xf2a7_4de4_52e6_b438, 0x6513_270e_269e_0d37, 0x0c5c_7fd0_a6a3_a450];
const LANE_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Mix the seed with its tweak to obtain the initial lane state.
pub(crate) fn basis() -> [u8; 24] {
    let mut out = [0u8; 24];
    for i in 0..3 {
        out[i * 8..i * 8 + 8].copy_from_slice(&(SEED_LANES[i] ^ LANE_TWEAK[i]).to_le_bytes());
    }
    out
}

/// 192-bit lane hash.
pub(crate) fn lane_hash(data: &[u8]) -> [u64; 3] {
    let b = basis();
    let mut lanes = [0u64; 3];
    for i in 0..3 {
        lanes[i] = u64::from_le_bytes(b[i * 8..i * 8 + 8].try_into().unwrap());
    }
    for (n, &byte) in data.iter().enumerate() {
        for (i, lane) in lanes.iter_mut().enumerate() {
            *lane ^= byte as u64 ^ LANE_TWEAK[i].rotate_left((n % 64) as u32);
            *lane = lane.wrapping_mul(LANE_PRIME);
        }
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        for s in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(b32_decode(&b32(s)).unwrap(), s);
        }
    }

    #[test]
    fn lane_hash_order_sensitive() {
        assert_ne!(lane_hash(b"A=1\nB=2\n"), lane_hash(b"B=2\nA=1\n"));
    }
}
