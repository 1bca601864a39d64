//! The calibration workload: Keccak-f[1600] over a fixed-size input.
//! Deterministic, branch-free and cache-resident, which makes it a good
//! proxy for the throughput of one core.

const RC: [u64; 24] = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
];
const ROT: [u32; 24] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
const PI: [usize; 24] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];
const RATE: usize = 136;

fn keccak_f(st: &mut [u64; 25]) {
    for rc in RC {
        let mut c = [0u64; 5];
        for x in 0..5 {
            c[x] = st[x] ^ st[x + 5] ^ st[x + 10] ^ st[x + 15] ^ st[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in (0..25).step_by(5) {
                st[y + x] ^= d;
            }
        }
        let mut last = st[1];
        for i in 0..24 {
            let j = PI[i];
            let tmp = st[j];
            st[j] = last.rotate_left(ROT[i]);
            last = tmp;
        }
        for y in (0..25).step_by(5) {
            let row = [st[y], st[y + 1], st[y + 2], st[y + 3], st[y + 4]];
            for x in 0..5 {
                st[y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        st[0] ^= rc;
    }
}

fn absorb(st: &mut [u64; 25], block: &[u8]) {
    for (i, lane) in block.chunks_exact(8).enumerate() {
        st[i] ^= u64::from_le_bytes(lane.try_into().unwrap());
    }
}

/// Keccak-256 (original padding).
pub(crate) fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut st = [0u64; 25];
    let mut blocks = data.chunks_exact(RATE);
    for b in &mut blocks {
        absorb(&mut st, b);
        keccak_f(&mut st);
    }
    let rem = blocks.remainder();
    let mut last = [0u8; RATE];
    last[..rem.len()].copy_from_slice(rem);
    last[rem.len()] ^= 0x01;
    last[RATE - 1] ^= 0x80;
    absorb(&mut st, &last);
    keccak_f(&mut st);
    let mut out = [0u8; 32];
    for i in 0..4 {
        out[i * 8..i * 8 + 8].copy_from_slice(&st[i].to_le_bytes());
    }
    out
}

/// One calibration round: the input with a 32-bit counter spliced in at `at`.
#[inline]
pub(crate) fn round(input: &mut [u8], at: usize, counter: u32) -> [u8; 32] {
    input[at..at + 4].copy_from_slice(&counter.to_le_bytes());
    keccak256(input)
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_input() {
        let h = super::keccak256(b"");
        assert_eq!(h[0], 0xc5);
        assert_eq!(h[31], 0x70);
    }
}
