//! Per-tile operations.

use crate::Image;

#[derive(Clone, Copy, Debug)]
pub enum Op {
    Grayscale,
    Invert,
    BoxBlur(u32),
    Brightness(i16),
}

pub fn apply(op: Op, img: &mut Image) {
    match op {
        Op::Grayscale => grayscale(img),
        Op::Invert => {
            for px in img.data.chunks_exact_mut(4) {
                px[0] = 255 - px[0];
                px[1] = 255 - px[1];
                px[2] = 255 - px[2];
            }
        }
        Op::BoxBlur(r) => box_blur(img, r),
        Op::Brightness(d) => {
            for px in img.data.chunks_exact_mut(4) {
                for c in &mut px[..3] {
                    *c = (*c as i16 + d).clamp(0, 255) as u8;
                }
            }
        }
    }
}

fn grayscale(img: &mut Image) {
    for px in img.data.chunks_exact_mut(4) {
        let y = (px[0] as u32 * 299 + px[1] as u32 * 587 + px[2] as u32 * 114) / 1000;
        px[0] = y as u8;
        px[1] = y as u8;
        px[2] = y as u8;
    }
}

fn box_blur(img: &mut Image, r: u32) {
    if r == 0 {
        return;
    }
    let (w, h) = (img.width as i64, img.height as i64);
    let r = r as i64;
    let src = img.clone();
    for y in 0..h {
        for x in 0..w {
            let mut acc = [0u32; 4];
            let mut n = 0u32;
            for yy in (y - r).max(0)..=(y + r).min(h - 1) {
                for xx in (x - r).max(0)..=(x + r).min(w - 1) {
                    let p = src.pixel(xx as u32, yy as u32);
                    for c in 0..4 {
                        acc[c] += p[c] as u32;
                    }
                    n += 1;
                }
            }
            img.set_pixel(x as u32, y as u32, [
                (acc[0] / n) as u8,
                (acc[1] / n) as u8,
                (acc[2] / n) as u8,
                (acc[3] / n) as u8,
            ]);
        }
    }
}

/// 2× box downsample.
pub fn downsample2(img: &Image) -> Image {
    let (w, h) = (img.width / 2, img.height / 2);
    let mut out = Image::new(w.max(1), h.max(1));
    for y in 0..h {
        for x in 0..w {
            let mut acc = [0u32; 4];
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let p = img.pixel(x * 2 + dx, y * 2 + dy);
                for c in 0..4 {
                    acc[c] += p[c] as u32;
                }
            }
            out.set_pixel(x, y, acc.map(|v| (v / 4) as u8));
        }
    }
    out
}
