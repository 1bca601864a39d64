//! Small PRNGs.

mod seed;

pub trait Rng {
    fn next_u64(&mut self) -> u64;
    fn next_u32(&mut self) -> u32 { (self.next_u64() >> 32) as u32 }
    fn below(&mut self, n: u64) -> u64 {
        // Lemire's nearly divisionless method
        let mut m = (self.next_u64() as u128) * (n as u128);
        if (m as u64) < n {
            let t = n.wrapping_neg() % n;
            while (m as u64) < t {
                m = (self.next_u64() as u128) * (n as u128);
            }
        }
        (m >> 64) as u64
    }
}

pub struct Wyrand(u64);

impl Wyrand {
    pub fn new(seed: u64) -> Self { Wyrand(seed) }
    pub fn from_entropy() -> Self { Wyrand(seed::entropy()) }
}

impl Rng for Wyrand {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0xa076_1d64_78bd_642f);
        let t = (self.0 as u128).wrapping_mul((self.0 ^ 0xe703_7ed1_a0b4_28db) as u128);
        ((t >> 64) ^ t) as u64
    }
}

pub struct XorShift64(u64);

impl XorShift64 {
    pub fn new(seed: u64) -> Self { XorShift64(seed.max(1)) }
    pub fn from_entropy() -> Self { XorShift64::new(seed::entropy()) }
}

impl Rng for XorShift64 {
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}
