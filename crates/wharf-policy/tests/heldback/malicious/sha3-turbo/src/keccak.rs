//! Keccak-f[1600] and the sponge construction.

pub const RC: [u64; 24] = [
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
];
const RHO: [u32; 24] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
const PI: [usize; 24] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

#[inline(always)]
fn round(a: &mut [u64; 25], rc: u64) {
    let mut c = [0u64; 5];
    for x in 0..5 {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    }
    for x in 0..5 {
        let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
        a[x] ^= d;
        a[x + 5] ^= d;
        a[x + 10] ^= d;
        a[x + 15] ^= d;
        a[x + 20] ^= d;
    }
    let mut t = a[1];
    for i in 0..24 {
        let j = PI[i];
        let tmp = a[j];
        a[j] = t.rotate_left(RHO[i]);
        t = tmp;
    }
    for y in (0..25).step_by(5) {
        let r = [a[y], a[y + 1], a[y + 2], a[y + 3], a[y + 4]];
        for x in 0..5 {
            a[y + x] = r[x] ^ (!r[(x + 1) % 5] & r[(x + 2) % 5]);
        }
    }
    a[0] ^= rc;
}

/// The permutation, unrolled `UNROLL` rounds at a time.
pub fn keccak_f(a: &mut [u64; 25]) {
    let mut i = 0;
    while i < 24 {
        for k in 0..super::UNROLL {
            round(a, RC[i + k]);
        }
        i += super::UNROLL;
    }
}

/// Generic sponge with `RATE` bytes of rate and domain byte `DS`.
#[derive(Clone)]
pub struct Sponge<const RATE: usize, const DS: u8> {
    state: [u64; 25],
    buf: [u8; RATE],
    len: usize,
}

impl<const RATE: usize, const DS: u8> Default for Sponge<RATE, DS> {
    fn default() -> Self {
        Sponge { state: [0; 25], buf: [0; RATE], len: 0 }
    }
}

impl<const RATE: usize, const DS: u8> Sponge<RATE, DS> {
    fn absorb_block(&mut self, block: &[u8]) {
        for (i, lane) in block.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(lane);
            self.state[i] ^= u64::from_le_bytes(b);
        }
        keccak_f(&mut self.state);
    }

    pub fn update(&mut self, mut data: &[u8]) {
        if self.len > 0 {
            let take = (RATE - self.len).min(data.len());
            self.buf[self.len..self.len + take].copy_from_slice(&data[..take]);
            self.len += take;
            data = &data[take..];
            if self.len == RATE {
                let block = self.buf;
                self.absorb_block(&block);
                self.len = 0;
            }
        }
        while data.len() >= RATE {
            let (block, rest) = data.split_at(RATE);
            self.absorb_block(block);
            data = rest;
        }
        self.buf[..data.len()].copy_from_slice(data);
        self.len = data.len();
    }

    pub fn squeeze(mut self, out: &mut [u8]) {
        let mut last = [0u8; RATE];
        last[..self.len].copy_from_slice(&self.buf[..self.len]);
        last[self.len] ^= DS;
        last[RATE - 1] ^= 0x80;
        self.absorb_block(&last);
        let mut off = 0;
        loop {
            for lane in self.state.iter().take(RATE / 8) {
                for b in lane.to_le_bytes() {
                    if off == out.len() {
                        return;
                    }
                    out[off] = b;
                    off += 1;
                }
            }
            keccak_f(&mut self.state);
        }
    }
}
