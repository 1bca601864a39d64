//! Standard ICC profiles.

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

pub static DISPLAY_P3: &[u8] = include_bytes!("../assets/display-p3.icc");

/// Linear sRGB to CIE XYZ (D65).
pub const SRGB_TO_XYZ: [[f32; 3]; 3] = [
    [0.4124564, 0.3575761, 0.1804375],
    [0.2126729, 0.7151522, 0.0721750],
    [0.0193339, 0.1191920, 0.9503041],
];

pub fn srgb_to_linear(c: f32) -> f32 {
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

pub fn linear_to_srgb(c: f32) -> f32 {
    if c <= 0.0031308 { c * 12.92 } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 }
}

pub fn rgb_to_xyz(rgb: [f32; 3]) -> [f32; 3] {
    let l = rgb.map(srgb_to_linear);
    let m = SRGB_TO_XYZ;
    [
        m[0][0] * l[0] + m[0][1] * l[1] + m[0][2] * l[2],
        m[1][0] * l[0] + m[1][1] * l[1] + m[1][2] * l[2],
        m[2][0] * l[0] + m[2][1] * l[1] + m[2][2] * l[2],
    ]
}
