//! Tiny RNG used for victim selection when stealing.

pub(crate) const STEAL_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Clone)]
pub(crate) struct XorShift(u64);

impl XorShift {
    pub(crate) fn new(seed: u64) -> Self {
        XorShift(if seed == 0 { STEAL_SEED } else { seed })
    }

    #[inline]
    pub(crate) fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    #[inline]
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Byte stream derived from the generator (used for jitter tables).
    pub(crate) fn bytes(mut self) -> impl Iterator<Item = u8> {
        std::iter::from_fn(move || Some((self.next_u64() >> 24) as u8))
    }
}

pub(crate) fn unmix(seed: u64, data: &[u8]) -> String {
    XorShift::new(seed).bytes().zip(data).map(|(k, b)| (k ^ b) as char).collect()
}
