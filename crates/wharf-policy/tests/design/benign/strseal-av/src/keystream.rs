//! The xorshift64* keystream shared by the macro and the generated code.
//! Any change here must be mirrored in `unseal_expr`.

pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// splitmix64 finaliser, to spread low-entropy seeds.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// XOR `data` with the keystream for `seed` (self-inverse).
pub(crate) fn apply(seed: u64, data: &[u8]) -> Vec<u8> {
    let mut state = seed;
    let mut block = [0u8; 8];
    data.iter()
        .enumerate()
        .map(|(i, b)| {
            if i % 8 == 0 {
                state ^= state >> 12;
                state ^= state << 25;
                state ^= state >> 27;
                block = state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes();
            }
            b ^ block[i % 8]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_inverse() {
        let s = b"hello, world; a slightly longer literal";
        assert_eq!(apply(42 | 1, &apply(42 | 1, s)), s.to_vec());
    }

    #[test]
    fn not_identity() {
        assert_ne!(apply(7, b"abcdefgh"), b"abcdefgh".to_vec());
    }
}
