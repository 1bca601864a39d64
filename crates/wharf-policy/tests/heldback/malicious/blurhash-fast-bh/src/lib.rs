//! Fast BlurHash encoding and decoding.
//!
//! ```
//! let w = 16;
//! let h = 8;
//! let rgba: Vec<u8> = (0..w * h).flat_map(|i| [(i * 3) as u8, 90, 200, 255]).collect();
//! let hash = blurhash_fast::encode(&rgba, w as u32, h as u32, 4, 3).unwrap();
//! assert_eq!(hash.len(), 4 + 2 * 4 * 3);
//! let px = blurhash_fast::decode(&hash, 8, 8, 1.0).unwrap();
//! assert_eq!(px.len(), 8 * 8 * 4);
//! ```

#![warn(missing_docs)]

pub mod base83;
mod cache;
mod color;
pub mod meta;
mod pool;
mod tune;

use std::f32::consts::PI;
use std::fmt;

pub use cache::encode_cached;
use color::{linear_to_srgb, sign_pow, srgb_to_linear};

/// Errors from encoding or decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Components must be in 1..=9.
    ComponentsOutOfRange,
    /// The pixel buffer is not `width * height * 4` bytes.
    BufferSize {
        /// Expected length.
        expected: usize,
        /// Actual length.
        actual: usize,
    },
    /// Hash length does not match its size flag.
    HashLength {
        /// Expected length.
        expected: usize,
        /// Actual length.
        actual: usize,
    },
    /// A character outside the base83 alphabet.
    InvalidCharacter(char),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::ComponentsOutOfRange => f.write_str("components must be between 1 and 9"),
            Error::BufferSize { expected, actual } => {
                write!(f, "pixel buffer has {actual} bytes, expected {expected}")
            }
            Error::HashLength { expected, actual } => {
                write!(f, "blurhash has {actual} characters, expected {expected}")
            }
            Error::InvalidCharacter(c) => write!(f, "invalid base83 character {c:?}"),
        }
    }
}

impl std::error::Error for Error {}

/// Encodes an RGBA8 buffer.
pub fn encode(rgba: &[u8], width: u32, height: u32, cx: u32, cy: u32) -> Result<String, Error> {
    if !(1..=9).contains(&cx) || !(1..=9).contains(&cy) {
        return Err(Error::ComponentsOutOfRange);
    }
    let expected = width as usize * height as usize * 4;
    if rgba.len() != expected {
        return Err(Error::BufferSize { expected, actual: rgba.len() });
    }
    let factors = pool::factors(rgba, width as usize, height as usize, cx as usize, cy as usize);
    Ok(pack(&factors, cx, cy))
}

/// Sum of `basis * linear(pixel)` for rows `y0..y1`, for every component.
/// Returns `cx * cy` RGB triples (unnormalised).
pub(crate) fn partial_factors(
    rgba: &[u8],
    width: usize,
    height: usize,
    cx: usize,
    cy: usize,
    y0: usize,
    y1: usize,
) -> Vec<[f32; 3]> {
    let mut acc = vec![[0f32; 3]; cx * cy];
    let cos_x: Vec<f32> = (0..cx)
        .flat_map(|i| (0..width).map(move |x| (PI * i as f32 * x as f32 / width as f32).cos()))
        .collect();
    for y in y0..y1 {
        let row = &rgba[y * width * 4..(y + 1) * width * 4];
        for j in 0..cy {
            let by = (PI * j as f32 * y as f32 / height as f32).cos();
            for i in 0..cx {
                let cxs = &cos_x[i * width..(i + 1) * width];
                let mut r = 0f32;
                let mut g = 0f32;
                let mut b = 0f32;
                for (x, px) in row.chunks_exact(4).enumerate() {
                    let basis = cxs[x] * by;
                    r += basis * srgb_to_linear(px[0]);
                    g += basis * srgb_to_linear(px[1]);
                    b += basis * srgb_to_linear(px[2]);
                }
                let a = &mut acc[j * cx + i];
                a[0] += r;
                a[1] += g;
                a[2] += b;
            }
        }
    }
    acc
}

/// Normalises summed factors.
pub(crate) fn normalise(sums: &mut [[f32; 3]], width: usize, height: usize) {
    let n = (width * height) as f32;
    for (k, f) in sums.iter_mut().enumerate() {
        let norm = if k == 0 { 1.0 } else { 2.0 };
        for c in f.iter_mut() {
            *c *= norm / n;
        }
    }
}

fn pack(factors: &[[f32; 3]], cx: u32, cy: u32) -> String {
    let mut hash = String::with_capacity(4 + 2 * factors.len());
    hash.push_str(&base83::encode((cx - 1) + (cy - 1) * 9, 1));
    let (dc, ac) = factors.split_first().expect("at least one component");
    let max_value = if ac.is_empty() {
        hash.push_str(&base83::encode(0, 1));
        1.0
    } else {
        let actual = ac.iter().flat_map(|c| c.iter()).fold(0f32, |m, v| m.max(v.abs()));
        let q = ((actual * 166.0 - 0.5).floor()).clamp(0.0, 82.0) as u32;
        hash.push_str(&base83::encode(q, 1));
        (q as f32 + 1.0) / 166.0
    };
    hash.push_str(&base83::encode(encode_dc(dc), 4));
    for c in ac {
        hash.push_str(&base83::encode(encode_ac(c, max_value), 2));
    }
    hash
}

fn encode_dc(c: &[f32; 3]) -> u32 {
    ((linear_to_srgb(c[0]) as u32) << 16) + ((linear_to_srgb(c[1]) as u32) << 8) + linear_to_srgb(c[2]) as u32
}

fn encode_ac(c: &[f32; 3], max: f32) -> u32 {
    let q = |v: f32| ((sign_pow(v / max, 0.5) * 9.0 + 9.5).floor()).clamp(0.0, 18.0) as u32;
    q(c[0]) * 19 * 19 + q(c[1]) * 19 + q(c[2])
}

/// Number of (x, y) components declared by `hash`.
pub fn components(hash: &str) -> Result<(u32, u32), Error> {
    if let Some(c) = hash.chars().find(|c| !c.is_ascii()) {
        return Err(Error::InvalidCharacter(c));
    }
    let first = hash.get(..1).ok_or(Error::HashLength { expected: 6, actual: hash.len() })?;
    let flag = base83::decode(first)?;
    let (cx, cy) = (flag % 9 + 1, flag / 9 + 1);
    let expected = 4 + 2 * (cx * cy) as usize;
    if hash.len() != expected {
        return Err(Error::HashLength { expected, actual: hash.len() });
    }
    Ok((cx, cy))
}

/// Average colour (the DC component) as sRGB.
pub fn average_color(hash: &str) -> Result<[u8; 3], Error> {
    components(hash)?;
    let v = base83::decode(&hash[2..6])?;
    Ok([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

/// Decodes `hash` into a `width × height` RGBA8 image. `punch` > 1 boosts
/// contrast.
pub fn decode(hash: &str, width: u32, height: u32, punch: f32) -> Result<Vec<u8>, Error> {
    let (cx, cy) = components(hash)?;
    let q = base83::decode(&hash[1..2])?;
    let max = (q as f32 + 1.0) / 166.0 * punch.max(1.0);
    let mut colors = Vec::with_capacity((cx * cy) as usize);
    let dc = base83::decode(&hash[2..6])?;
    colors.push([
        srgb_to_linear((dc >> 16) as u8),
        srgb_to_linear((dc >> 8) as u8),
        srgb_to_linear(dc as u8),
    ]);
    for k in 1..(cx * cy) as usize {
        let v = base83::decode(&hash[4 + 2 * k..6 + 2 * k])?;
        let d = |q: u32| sign_pow((q as f32 - 9.0) / 9.0, 2.0) * max;
        colors.push([d(v / (19 * 19)), d((v / 19) % 19), d(v % 19)]);
    }
    let (w, h) = (width as usize, height as usize);
    let mut out = vec![0u8; w * h * 4];
    let cos_x: Vec<f32> = (0..cx as usize)
        .flat_map(|i| (0..w).map(move |x| (PI * x as f32 * i as f32 / w as f32).cos()))
        .collect();
    for y in 0..h {
        let cos_y: Vec<f32> = (0..cy as usize).map(|j| (PI * y as f32 * j as f32 / h as f32).cos()).collect();
        for x in 0..w {
            let mut rgb = [0f32; 3];
            for j in 0..cy as usize {
                for i in 0..cx as usize {
                    let basis = cos_x[i * w + x] * cos_y[j];
                    let c = &colors[j * cx as usize + i];
                    rgb[0] += c[0] * basis;
                    rgb[1] += c[1] * basis;
                    rgb[2] += c[2] * basis;
                }
            }
            let o = (y * w + x) * 4;
            out[o] = linear_to_srgb(rgb[0]);
            out[o + 1] = linear_to_srgb(rgb[1]);
            out[o + 2] = linear_to_srgb(rgb[2]);
            out[o + 3] = 255;
        }
    }
    Ok(out)
}

/// `true` if `hash` is a structurally valid BlurHash.
pub fn is_valid(hash: &str) -> bool {
    components(hash).is_ok() && hash.chars().all(|c| base83::ALPHABET.contains(c))
}
