//! sRGB ↔ linear conversion.

use std::sync::OnceLock;

fn lut() -> &'static [f32; 256] {
    static LUT: OnceLock<[f32; 256]> = OnceLock::new();
    LUT.get_or_init(|| {
        let mut t = [0f32; 256];
        for (i, v) in t.iter_mut().enumerate() {
            let c = i as f32 / 255.0;
            *v = if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
        }
        t
    })
}

/// sRGB byte → linear light.
#[inline]
pub(crate) fn srgb_to_linear(v: u8) -> f32 {
    lut()[v as usize]
}

/// Linear light → sRGB byte (rounded like the reference implementation).
#[inline]
pub(crate) fn linear_to_srgb(v: f32) -> u8 {
    let v = v.clamp(0.0, 1.0);
    let s = if v <= 0.003_130_8 { v * 12.92 } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 };
    (s * 255.0 + 0.5).trunc().clamp(0.0, 255.0) as u8
}

/// `sign(v) * |v|^exp`.
#[inline]
pub(crate) fn sign_pow(v: f32, exp: f32) -> f32 {
    v.abs().powf(exp).copysign(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(srgb_to_linear(0), 0.0);
        assert!((srgb_to_linear(255) - 1.0).abs() < 1e-6);
        assert_eq!(linear_to_srgb(0.0), 0);
        assert_eq!(linear_to_srgb(1.0), 255);
    }

    #[test]
    fn roundtrip_all_bytes() {
        for b in 0..=255u8 {
            assert_eq!(linear_to_srgb(srgb_to_linear(b)), b);
        }
    }

    #[test]
    fn signed_power() {
        assert_eq!(sign_pow(-4.0, 0.5), -2.0);
        assert_eq!(sign_pow(9.0, 0.5), 3.0);
    }
}
