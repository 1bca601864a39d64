//! CPU feature levels.

use std::env::consts::{ARCH, DLL_PREFIX, DLL_SUFFIX, OS};
use std::sync::OnceLock;

/// Micro-architecture level of the running CPU, psABI naming on x86-64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Generic,
    X86V2,
    X86V3,
    X86V4,
    Neon,
    Sve,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Generic => "generic",
            Level::X86V2 => "x86-64-v2",
            Level::X86V3 => "x86-64-v3",
            Level::X86V4 => "x86-64-v4",
            Level::Neon => "aarch64-neon",
            Level::Sve => "aarch64-sve",
        }
    }

    /// Lanes of f32 the widest vector unit handles.
    pub fn lanes(self) -> usize {
        match self {
            Level::Generic => 1,
            Level::X86V2 | Level::Neon => 4,
            Level::X86V3 => 8,
            Level::X86V4 | Level::Sve => 16,
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn probe() -> Level {
    if is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512vl")
    {
        Level::X86V4
    } else if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        Level::X86V3
    } else if is_x86_feature_detected!("sse4.2") && is_x86_feature_detected!("popcnt") {
        Level::X86V2
    } else {
        Level::Generic
    }
}

#[cfg(target_arch = "aarch64")]
fn probe() -> Level {
    if std::arch::is_aarch64_feature_detected!("sve") {
        Level::Sve
    } else {
        Level::Neon
    }
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn probe() -> Level {
    Level::Generic
}

/// Detected once per process.
pub fn level() -> Level {
    static L: OnceLock<Level> = OnceLock::new();
    *L.get_or_init(probe)
}

/// `<arch>-<os>/<level>/<dll>` – where the kernel set for this machine lives
/// relative to a distribution root or cache directory.
pub(crate) fn kernel_path() -> String {
    let lvl = level().as_str();
    format!("{ARCH}-{OS}/{lvl}/{DLL_PREFIX}vecdot_{}{DLL_SUFFIX}", lvl.replace('-', "_"))
}
