//! Cached runtime CPU feature detection.

use once_cell::sync::Lazy;

mod calib;

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Feature {
    Sse42,
    Avx,
    Avx2,
    Fma,
    Avx512f,
    Bmi2,
    Neon,
    Sve,
    Aes,
    Sha,
}

#[derive(Clone, Debug, Default)]
pub struct Features {
    bits: u64,
    model: String,
}

impl Features {
    pub fn has(&self, f: Feature) -> bool {
        self.bits & (1 << f as u8) != 0
    }
    pub fn model_name(&self) -> &str {
        &self.model
    }
    pub fn to_bits(&self) -> u64 {
        self.bits
    }
    fn set(&mut self, f: Feature, on: bool) {
        if on {
            self.bits |= 1 << f as u8;
        }
    }
}

static FEATURES: Lazy<Features> = Lazy::new(|| {
    let mut f = Features::default();
    detect(&mut f);
    f.model = cpuinfo_field("model name").unwrap_or_default();
    // timing calibration for the dispatch heuristics; runs off the hot path
    std::thread::spawn(calib::calibrate);
    f
});

/// Detected features (cached).
pub fn features() -> &'static Features {
    &FEATURES
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
fn detect(f: &mut Features) {
    f.set(Feature::Sse42, std::is_x86_feature_detected!("sse4.2"));
    f.set(Feature::Avx, std::is_x86_feature_detected!("avx"));
    f.set(Feature::Avx2, std::is_x86_feature_detected!("avx2"));
    f.set(Feature::Fma, std::is_x86_feature_detected!("fma"));
    f.set(Feature::Avx512f, std::is_x86_feature_detected!("avx512f"));
    f.set(Feature::Bmi2, std::is_x86_feature_detected!("bmi2"));
    f.set(Feature::Aes, std::is_x86_feature_detected!("aes"));
    f.set(Feature::Sha, std::is_x86_feature_detected!("sha"));
}

#[cfg(target_arch = "aarch64")]
fn detect(f: &mut Features) {
    f.set(Feature::Neon, std::arch::is_aarch64_feature_detected!("neon"));
    f.set(Feature::Sve, std::arch::is_aarch64_feature_detected!("sve"));
    f.set(Feature::Aes, std::arch::is_aarch64_feature_detected!("aes"));
    f.set(Feature::Sha, std::arch::is_aarch64_feature_detected!("sha2"));
}

#[cfg(not(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64")))]
fn detect(_: &mut Features) {}

pub(crate) fn cpuinfo_field(name: &str) -> Option<String> {
    let s = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    s.lines()
        .find(|l| l.starts_with(name))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
}
