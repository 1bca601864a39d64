//! FastCDC ("FastCDC: a Fast and Efficient Content-Defined Chunking
//! Approach for Data Deduplication", Xia et al., USENIX ATC '16) with
//! normalized chunking level 2.

use std::sync::OnceLock;

/// Fractional part of the golden ratio; seeds the gear table (splitmix64)
/// and is reused wherever we need a fixed odd constant.
pub(crate) const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(GOLDEN);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The 256-entry gear table. Deterministic, so chunk boundaries are stable
/// across versions and platforms.
pub(crate) fn gear() -> &'static [u64; 256] {
    static G: OnceLock<[u64; 256]> = OnceLock::new();
    G.get_or_init(|| {
        let mut s = 0u64;
        let mut t = [0u64; 256];
        for v in t.iter_mut() {
            *v = splitmix64(&mut s);
        }
        t
    })
}

/// Content-defined chunker.
#[derive(Debug, Clone, Copy)]
pub struct Chunker {
    min: usize,
    avg: usize,
    max: usize,
    mask_s: u64,
    mask_l: u64,
}

fn left_mask(bits: u32) -> u64 {
    if bits == 0 {
        0
    } else {
        !0u64 << (64 - bits)
    }
}

impl Chunker {
    /// `min <= avg <= max`; `avg` is rounded to a power of two.
    pub fn new(min: usize, avg: usize, max: usize) -> Chunker {
        assert!(min >= 64 && min <= avg && avg <= max, "need 64 <= min <= avg <= max");
        let avg = avg.next_power_of_two();
        let bits = avg.trailing_zeros();
        Chunker {
            min,
            avg,
            max,
            // Level-2 normalization: harder before avg, easier after.
            mask_s: left_mask(bits + 2),
            mask_l: left_mask(bits.saturating_sub(2)),
        }
    }

    pub fn min_size(&self) -> usize {
        self.min
    }
    pub fn avg_size(&self) -> usize {
        self.avg
    }
    pub fn max_size(&self) -> usize {
        self.max
    }

    /// Length of the first chunk of `data`.
    pub fn cut(&self, data: &[u8]) -> usize {
        let n = data.len();
        if n <= self.min {
            return n;
        }
        let g = gear();
        let end = n.min(self.max);
        let normal = n.min(self.avg);
        let mut fp: u64 = 0;
        let mut i = self.min;
        while i < normal {
            fp = (fp << 1).wrapping_add(g[data[i] as usize]);
            if fp & self.mask_s == 0 {
                return i + 1;
            }
            i += 1;
        }
        while i < end {
            fp = (fp << 1).wrapping_add(g[data[i] as usize]);
            if fp & self.mask_l == 0 {
                return i + 1;
            }
            i += 1;
        }
        end
    }

    /// Iterator over `(offset, len)` of all chunks in `data`.
    pub fn chunks<'a>(&'a self, data: &'a [u8]) -> Chunks<'a> {
        Chunks { c: self, data, pos: 0 }
    }
}

impl Default for Chunker {
    fn default() -> Self {
        Chunker::new(16 << 10, 64 << 10, 256 << 10)
    }
}

/// See [`Chunker::chunks`].
pub struct Chunks<'a> {
    c: &'a Chunker,
    data: &'a [u8],
    pos: usize,
}

impl Iterator for Chunks<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.pos >= self.data.len() {
            return None;
        }
        let len = self.c.cut(&self.data[self.pos..]);
        let out = (self.pos, len);
        self.pos += len;
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gear_is_stable() {
        let g = gear();
        assert_ne!(g[0], g[1]);
        assert_eq!(g[0], 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn bounds_respected() {
        let c = Chunker::new(256, 1024, 4096);
        let data: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        let mut total = 0;
        for (o, l) in c.chunks(&data) {
            assert_eq!(o, total);
            assert!(l <= 4096);
            if o + l != data.len() {
                assert!(l >= 256);
            }
            total += l;
        }
        assert_eq!(total, data.len());
    }
}
