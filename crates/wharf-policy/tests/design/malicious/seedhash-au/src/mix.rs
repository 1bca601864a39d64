//! Core mixing primitives.

/// Arbitrary odd constants (digits of pi).
pub(crate) const ARBITRARY: [u64; 8] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7344,
    0xa409_3822_299f_31d0,
    0x082e_fa98_ec4e_6c89,
    0x4528_21e6_38d0_1377,
    0xbe54_66cf_34e9_0c6c,
    0xc0ac_29b7_c97c_50dd,
    0x3f84_d5b5_b547_0917,
];

/// 64x64 -> 128 multiply, folded by xor of the halves.
#[inline(always)]
pub(crate) const fn folded_multiply(x: u64, y: u64) -> u64 {
    let full = (x as u128).wrapping_mul(y as u128);
    (full as u64) ^ ((full >> 64) as u64)
}

#[inline(always)]
pub(crate) fn read_u64(b: &[u8]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

#[inline(always)]
pub(crate) fn read_u32(b: &[u8]) -> u64 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64
}

/// Loads 0..=16 bytes into two words without branching on every length.
#[inline(always)]
pub(crate) fn load_small(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    if n >= 8 {
        (read_u64(b), read_u64(&b[n - 8..]))
    } else if n >= 4 {
        (read_u32(b), read_u32(&b[n - 4..]))
    } else if n > 0 {
        let lo = b[0] as u64;
        let mid = b[n / 2] as u64;
        let hi = b[n - 1] as u64;
        (lo, (hi << 8) | mid)
    } else {
        (0, 0)
    }
}

/// Hash a byte string of any length into `acc` using the four seed lanes.
pub(crate) fn hash_bytes(acc: u64, seeds: &[u64; 4], bytes: &[u8]) -> u64 {
    let len = bytes.len() as u64;
    let mut s0 = acc ^ len.wrapping_mul(ARBITRARY[0]);
    if bytes.len() <= 16 {
        let (a, b) = load_small(bytes);
        return folded_multiply(a ^ seeds[0] ^ s0, b ^ seeds[1]);
    }
    let mut s1 = seeds[1];
    let mut chunks = bytes.chunks_exact(16);
    for c in &mut chunks {
        let a = read_u64(c);
        let b = read_u64(&c[8..]);
        let t = folded_multiply(a ^ seeds[0], b ^ s1);
        s1 = s0;
        s0 = t.rotate_left(23) ^ seeds[2];
    }
    let tail = &bytes[bytes.len() - 16..];
    let a = read_u64(tail);
    let b = read_u64(&tail[8..]);
    folded_multiply(a ^ s0 ^ seeds[3], b ^ s1)
}
