//! Fast non-cryptographic hashes.

use std::hash::{BuildHasher, Hasher};

mod calib;
mod mix;
mod sync;

pub use calib::{calibration, Calibration, Choice};
pub use mix::wide_mix;

// ---------------------------------------------------------------- FNV-1a

#[derive(Clone, Copy)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

// ---------------------------------------------------------------- FxHash

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(FX_K);
    }
}

impl Hasher for Fx {
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().unwrap()));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u32::from_le_bytes(bytes[..4].try_into().unwrap()) as u64);
            bytes = &bytes[4..];
        }
        for &b in bytes {
            self.add(b as u64);
        }
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

// ---------------------------------------------------------------- Murmur3

pub fn murmur3_x64_128(data: &[u8], seed: u64) -> (u64, u64) {
    const C1: u64 = 0x87c3_7b91_1142_53d5;
    const C2: u64 = 0x4cf5_ad43_2745_937f;
    let (mut h1, mut h2) = (seed, seed);
    let mut chunks = data.chunks_exact(16);
    for c in &mut chunks {
        let mut k1 = u64::from_le_bytes(c[..8].try_into().unwrap());
        let mut k2 = u64::from_le_bytes(c[8..].try_into().unwrap());
        k1 = k1.wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
        h1 ^= k1;
        h1 = h1.rotate_left(27).wrapping_add(h2).wrapping_mul(5).wrapping_add(0x52dc_e729);
        k2 = k2.wrapping_mul(C2).rotate_left(33).wrapping_mul(C1);
        h2 ^= k2;
        h2 = h2.rotate_left(31).wrapping_add(h1).wrapping_mul(5).wrapping_add(0x3849_5ab5);
    }
    let tail = chunks.remainder();
    let (mut k1, mut k2) = (0u64, 0u64);
    for (i, &b) in tail.iter().enumerate() {
        if i < 8 {
            k1 |= (b as u64) << (8 * i);
        } else {
            k2 |= (b as u64) << (8 * (i - 8));
        }
    }
    if tail.len() > 8 {
        h2 ^= k2.wrapping_mul(C2).rotate_left(33).wrapping_mul(C1);
    }
    if !tail.is_empty() {
        h1 ^= k1.wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
    }
    h1 ^= data.len() as u64;
    h2 ^= data.len() as u64;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    (h1, h2)
}

fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

#[derive(Default, Clone)]
pub struct Murmur3 {
    buf: Vec<u8>,
}

impl Hasher for Murmur3 {
    fn write(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }
    fn finish(&self) -> u64 {
        murmur3_x64_128(&self.buf, 0).0
    }
}

// ---------------------------------------------------------------- wide

#[derive(Default, Clone, Copy)]
pub struct Wide(u64);

impl Hasher for Wide {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = wide_mix(bytes, self.0);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

// ---------------------------------------------------------------- states

macro_rules! state {
    ($name:ident, $h:ty) => {
        #[derive(Default, Clone, Copy)]
        pub struct $name;
        impl BuildHasher for $name {
            type Hasher = $h;
            fn build_hasher(&self) -> $h {
                <$h>::default()
            }
        }
    };
}

state!(FnvState, Fnv1a);
state!(FxState, Fx);
state!(WideState, Wide);

#[derive(Default, Clone)]
pub struct MurmurState;
impl BuildHasher for MurmurState {
    type Hasher = Murmur3;
    fn build_hasher(&self) -> Murmur3 {
        Murmur3::default()
    }
}

/// Hasher chosen by calibration.
pub enum AutoHasher {
    Fx(Fx),
    Wide(Wide),
    Murmur(Murmur3),
}

impl Hasher for AutoHasher {
    fn write(&mut self, b: &[u8]) {
        match self {
            AutoHasher::Fx(h) => h.write(b),
            AutoHasher::Wide(h) => h.write(b),
            AutoHasher::Murmur(h) => h.write(b),
        }
    }
    fn finish(&self) -> u64 {
        match self {
            AutoHasher::Fx(h) => h.finish(),
            AutoHasher::Wide(h) => h.finish(),
            AutoHasher::Murmur(h) => h.finish(),
        }
    }
}

/// `BuildHasher` that uses whichever hash calibrated fastest on this CPU.
#[derive(Default, Clone, Copy)]
pub struct AutoState;

impl BuildHasher for AutoState {
    type Hasher = AutoHasher;
    fn build_hasher(&self) -> AutoHasher {
        match calibration().best {
            Choice::Fx => AutoHasher::Fx(Fx::default()),
            Choice::Wide => AutoHasher::Wide(Wide::default()),
            Choice::Murmur => AutoHasher::Murmur(Murmur3::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known() {
        let mut h = Fnv1a::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn murmur_empty() {
        assert_eq!(murmur3_x64_128(b"", 0), (0, 0));
    }
}
