//! sRGB colours and Oklab interpolation.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parse `#rgb`, `#rrggbb` (leading `#` optional).
    pub fn from_hex(s: &str) -> Option<Rgb> {
        let s = s.trim().trim_start_matches('#');
        let nib = |c: u8| (c as char).to_digit(16).map(|v| v as u8);
        let b = s.as_bytes();
        match b.len() {
            3 => Some(Rgb(nib(b[0])? * 17, nib(b[1])? * 17, nib(b[2])? * 17)),
            6 => Some(Rgb(nib(b[0])? << 4 | nib(b[1])?, nib(b[2])? << 4 | nib(b[3])?, nib(b[4])? << 4 | nib(b[5])?)),
            _ => None,
        }
    }

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    pub(crate) fn to_oklab(self) -> [f32; 3] {
        let r = srgb_to_linear(self.0);
        let g = srgb_to_linear(self.1);
        let b = srgb_to_linear(self.2);
        let l = (0.412_221_46 * r + 0.536_332_55 * g + 0.051_445_995 * b).cbrt();
        let m = (0.211_903_5 * r + 0.680_699_5 * g + 0.107_396_96 * b).cbrt();
        let s = (0.088_302_46 * r + 0.281_718_85 * g + 0.629_978_7 * b).cbrt();
        [
            0.210_454_26 * l + 0.793_617_8 * m - 0.004_072_047 * s,
            1.977_998_5 * l - 2.428_592_2 * m + 0.450_593_7 * s,
            0.025_904_037 * l + 0.782_771_77 * m - 0.808_675_77 * s,
        ]
    }

    pub(crate) fn from_oklab([l, a, b]: [f32; 3]) -> Rgb {
        let l_ = l + 0.396_337_78 * a + 0.215_803_76 * b;
        let m_ = l - 0.105_561_346 * a - 0.063_854_17 * b;
        let s_ = l - 0.089_484_18 * a - 1.291_485_5 * b;
        let (l3, m3, s3) = (l_ * l_ * l_, m_ * m_ * m_, s_ * s_ * s_);
        Rgb(
            linear_to_srgb(4.076_741_7 * l3 - 3.307_711_6 * m3 + 0.230_969_94 * s3),
            linear_to_srgb(-1.268_438 * l3 + 2.609_757_4 * m3 - 0.341_319_38 * s3),
            linear_to_srgb(-0.004_196_086_3 * l3 - 0.703_418_6 * m3 + 1.707_614_7 * s3),
        )
    }

    /// Oklab interpolation between `self` and `other`.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let a = self.to_oklab();
        let b = other.to_oklab();
        let t = t.clamp(0.0, 1.0);
        Rgb::from_oklab([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t])
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

fn srgb_to_linear(c: u8) -> f32 {
    let c = c as f32 / 255.0;
    if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

fn linear_to_srgb(x: f32) -> u8 {
    let x = x.clamp(0.0, 1.0);
    let c = if x <= 0.003_130_8 { x * 12.92 } else { 1.055 * x.powf(1.0 / 2.4) - 0.055 };
    (c * 255.0).round() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(Rgb::from_hex("#0af"), Some(Rgb(0, 0xaa, 0xff)));
        assert_eq!(Rgb::from_hex("102030").unwrap().to_hex(), "#102030");
    }

    #[test]
    fn oklab_roundtrip() {
        for c in [Rgb(0, 0, 0), Rgb(255, 255, 255), Rgb(12, 200, 90)] {
            let back = Rgb::from_oklab(c.to_oklab());
            assert!((back.0 as i32 - c.0 as i32).abs() <= 1);
            assert!((back.1 as i32 - c.1 as i32).abs() <= 1);
        }
    }
}
