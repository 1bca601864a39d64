//! Unified CPU feature detection.
//!
//! ```
//! use cpufeat_probe::{detect, Feature};
//! let f = detect();
//! if f.has(Feature::Avx2) {
//!     // use the AVX2 kernel
//! }
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

use core::fmt;
use core::sync::atomic::{AtomicU64, Ordering};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/compiled_features.rs"));
}

/// A CPU feature this crate knows how to detect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Feature {
    Sse2 = 0,
    Sse3,
    Ssse3,
    Sse41,
    Sse42,
    Popcnt,
    Avx,
    Avx2,
    Fma,
    Bmi1,
    Bmi2,
    Lzcnt,
    Avx512f,
    AesNi,
    Pclmulqdq,
    Sha,
    Neon,
    ArmAes,
    ArmSha2,
    Crc,
    Lse,
    DotProd,
    Sve,
    Simd128,
}

impl Feature {
    /// Every known feature, in declaration order.
    pub const ALL: [Feature; 24] = [
        Feature::Sse2,
        Feature::Sse3,
        Feature::Ssse3,
        Feature::Sse41,
        Feature::Sse42,
        Feature::Popcnt,
        Feature::Avx,
        Feature::Avx2,
        Feature::Fma,
        Feature::Bmi1,
        Feature::Bmi2,
        Feature::Lzcnt,
        Feature::Avx512f,
        Feature::AesNi,
        Feature::Pclmulqdq,
        Feature::Sha,
        Feature::Neon,
        Feature::ArmAes,
        Feature::ArmSha2,
        Feature::Crc,
        Feature::Lse,
        Feature::DotProd,
        Feature::Sve,
        Feature::Simd128,
    ];

    /// The name rustc uses for `-C target-feature`.
    pub const fn rustc_name(self) -> &'static str {
        match self {
            Feature::Sse2 => "sse2",
            Feature::Sse3 => "sse3",
            Feature::Ssse3 => "ssse3",
            Feature::Sse41 => "sse4.1",
            Feature::Sse42 => "sse4.2",
            Feature::Popcnt => "popcnt",
            Feature::Avx => "avx",
            Feature::Avx2 => "avx2",
            Feature::Fma => "fma",
            Feature::Bmi1 => "bmi1",
            Feature::Bmi2 => "bmi2",
            Feature::Lzcnt => "lzcnt",
            Feature::Avx512f => "avx512f",
            Feature::AesNi | Feature::ArmAes => "aes",
            Feature::Pclmulqdq => "pclmulqdq",
            Feature::Sha => "sha",
            Feature::Neon => "neon",
            Feature::ArmSha2 => "sha2",
            Feature::Crc => "crc",
            Feature::Lse => "lse",
            Feature::DotProd => "dotprod",
            Feature::Sve => "sve",
            Feature::Simd128 => "simd128",
        }
    }

    const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }
}

impl fmt::Display for Feature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rustc_name())
    }
}

/// A set of features.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FeatureSet(u64);

impl FeatureSet {
    pub const EMPTY: FeatureSet = FeatureSet(0);

    pub fn has(self, f: Feature) -> bool {
        self.0 & f.bit() != 0
    }

    pub fn insert(&mut self, f: Feature) {
        self.0 |= f.bit();
    }

    pub fn is_superset_of(self, other: FeatureSet) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn iter(self) -> impl Iterator<Item = Feature> {
        Feature::ALL.into_iter().filter(move |f| self.has(*f))
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Debug for FeatureSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Feature> for FeatureSet {
    fn from_iter<I: IntoIterator<Item = Feature>>(iter: I) -> Self {
        let mut s = FeatureSet::EMPTY;
        for f in iter {
            s.insert(f);
        }
        s
    }
}

/// Features rustc was told to assume at compile time for this crate.
pub fn compiled() -> FeatureSet {
    let fam = generated::FAMILY;
    Feature::ALL
        .into_iter()
        .filter(|f| family(*f) == fam)
        .filter(|f| generated::COMPILED.contains(&f.rustc_name()))
        .collect()
}

fn family(f: Feature) -> &'static str {
    match f as u8 {
        0..=15 => "x86",
        16..=22 => "arm",
        _ => "wasm",
    }
}

const UNINIT: u64 = 1 << 63;
static CACHE: AtomicU64 = AtomicU64::new(UNINIT);

/// Detect features of the running CPU. The first call queries the
/// hardware; later calls are a single relaxed atomic load.
pub fn detect() -> FeatureSet {
    let v = CACHE.load(Ordering::Relaxed);
    if v != UNINIT {
        return FeatureSet(v);
    }
    let s = query() | compiled().0;
    CACHE.store(s, Ordering::Relaxed);
    FeatureSet(s)
}

/// Convenience for `detect().has(f)`.
pub fn has(f: Feature) -> bool {
    detect().has(f)
}

cfg_if::cfg_if! {
    if #[cfg(all(feature = "std", any(target_arch = "x86", target_arch = "x86_64")))] {
        fn query() -> u64 {
            let mut s = FeatureSet::EMPTY;
            macro_rules! probe {
                ($($name:tt => $f:expr),* $(,)?) => {
                    $( if std::is_x86_feature_detected!($name) { s.insert($f); } )*
                };
            }
            probe! {
                "sse2" => Feature::Sse2,
                "sse3" => Feature::Sse3,
                "ssse3" => Feature::Ssse3,
                "sse4.1" => Feature::Sse41,
                "sse4.2" => Feature::Sse42,
                "popcnt" => Feature::Popcnt,
                "avx" => Feature::Avx,
                "avx2" => Feature::Avx2,
                "fma" => Feature::Fma,
                "bmi1" => Feature::Bmi1,
                "bmi2" => Feature::Bmi2,
                "lzcnt" => Feature::Lzcnt,
                "avx512f" => Feature::Avx512f,
                "aes" => Feature::AesNi,
                "pclmulqdq" => Feature::Pclmulqdq,
                "sha" => Feature::Sha,
            }
            s.0
        }
    } else if #[cfg(all(feature = "std", target_arch = "aarch64"))] {
        fn query() -> u64 {
            let mut s = FeatureSet::EMPTY;
            macro_rules! probe {
                ($($name:tt => $f:expr),* $(,)?) => {
                    $( if std::arch::is_aarch64_feature_detected!($name) { s.insert($f); } )*
                };
            }
            probe! {
                "neon" => Feature::Neon,
                "aes" => Feature::ArmAes,
                "sha2" => Feature::ArmSha2,
                "crc" => Feature::Crc,
                "lse" => Feature::Lse,
                "dotprod" => Feature::DotProd,
                "sve" => Feature::Sve,
            }
            s.0
        }
    } else {
        fn query() -> u64 {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_is_subset_of_detected() {
        assert!(detect().is_superset_of(compiled()));
    }

    #[test]
    fn names_roundtrip() {
        for f in Feature::ALL {
            assert!(!f.rustc_name().is_empty());
        }
    }

    #[test]
    fn set_ops() {
        let s: FeatureSet = [Feature::Avx, Feature::Avx2].into_iter().collect();
        assert_eq!(s.len(), 2);
        assert!(s.has(Feature::Avx2));
        assert!(!s.has(Feature::Fma));
    }
}
