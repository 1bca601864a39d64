//! Target SIMD level from `CARGO_CFG_TARGET_FEATURE`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SimdLevel {
    None,
    Sse2,
    Sse42,
    Avx2,
    Avx512,
    Neon,
}

impl SimdLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            SimdLevel::None => "none",
            SimdLevel::Sse2 => "sse2",
            SimdLevel::Sse42 => "sse4.2",
            SimdLevel::Avx2 => "avx2",
            SimdLevel::Avx512 => "avx512",
            SimdLevel::Neon => "neon",
        }
    }

    /// Vector width in bytes.
    pub fn width(self) -> usize {
        match self {
            SimdLevel::None => 8,
            SimdLevel::Sse2 | SimdLevel::Sse42 | SimdLevel::Neon => 16,
            SimdLevel::Avx2 => 32,
            SimdLevel::Avx512 => 64,
        }
    }
}

/// Picks the highest level fully enabled for the target.
pub fn detect(arch: &str, features: &str) -> SimdLevel {
    let has = |f: &str| features.split(',').any(|x| x.trim() == f);
    match arch {
        "x86_64" | "x86" => {
            if has("avx512f") && has("avx512bw") && has("avx512vl") {
                SimdLevel::Avx512
            } else if has("avx2") && has("fma") && has("bmi2") {
                SimdLevel::Avx2
            } else if has("sse4.2") && has("popcnt") {
                SimdLevel::Sse42
            } else if has("sse2") {
                SimdLevel::Sse2
            } else {
                SimdLevel::None
            }
        }
        "aarch64" => {
            if has("neon") {
                SimdLevel::Neon
            } else {
                SimdLevel::None
            }
        }
        "arm" if has("neon") => SimdLevel::Neon,
        _ => SimdLevel::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_x86_64() {
        assert_eq!(detect("x86_64", "fxsr,sse,sse2"), SimdLevel::Sse2);
    }

    #[test]
    fn v3() {
        let f = "avx,avx2,bmi1,bmi2,fma,fxsr,lzcnt,movbe,popcnt,sse,sse2,sse3,sse4.1,sse4.2,ssse3,xsave";
        assert_eq!(detect("x86_64", f), SimdLevel::Avx2);
    }

    #[test]
    fn apple_silicon() {
        assert_eq!(detect("aarch64", "aes,crc,neon,sha2"), SimdLevel::Neon);
    }
}
