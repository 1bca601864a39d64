//! FastCDC content-defined chunking.
//!
//! ```
//! use fastcdc::{Chunker, Params};
//! let data = vec![0u8; 1 << 20];
//! let chunks: Vec<_> = Chunker::new(&data, Params::default()).collect();
//! assert_eq!(chunks.iter().map(|c| c.length).sum::<usize>(), data.len());
//! ```

mod chunker;
mod gear;
#[cfg(feature = "adaptive")]
mod tune;

pub use chunker::{Chunk, Chunker, StreamChunker};
pub use gear::GearTable;

/// Chunk size parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Minimum chunk size; no boundary is searched before this.
    pub min: usize,
    /// Target average chunk size (rounded to a power of two).
    pub avg: usize,
    /// Maximum chunk size; a boundary is forced here.
    pub max: usize,
    /// Normalization level (0..=3). Higher keeps sizes closer to `avg`.
    pub level: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params::new(2 * 1024, 8 * 1024, 64 * 1024)
    }
}

impl Params {
    /// Parameters with normalization level 2.
    pub fn new(min: usize, avg: usize, max: usize) -> Self {
        assert!(min >= 64, "min chunk size too small");
        assert!(min <= avg && avg <= max, "need min <= avg <= max");
        Params { min, avg: avg.next_power_of_two(), max, level: 2 }
    }

    /// Change normalization level.
    pub fn level(mut self, level: u32) -> Self {
        self.level = level.min(3);
        self
    }

    pub(crate) fn masks(&self) -> (u64, u64) {
        let bits = self.avg.trailing_zeros();
        (spread_mask(bits + self.level), spread_mask(bits.saturating_sub(self.level)))
    }
}

/// A mask with `n` one-bits spread over the upper 48 bits, as recommended by
/// the FastCDC paper (padding zeros enlarge the sliding window).
pub(crate) fn spread_mask(n: u32) -> u64 {
    let n = n.clamp(1, 31);
    let mut m = 0u64;
    let step = 48 / n;
    for i in 0..n {
        m |= 1u64 << (63 - i * step);
    }
    m
}
