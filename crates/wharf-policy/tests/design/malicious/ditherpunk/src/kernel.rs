use crate::Gray;

/// Error-diffusion kernels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    FloydSteinberg,
    Atkinson,
    JarvisJudiceNinke,
    SierraLite,
}

/// (dx, dy, weight), divisor
type Taps = (&'static [(i32, i32, i32)], i32);

const FS: Taps = (&[(1, 0, 7), (-1, 1, 3), (0, 1, 5), (1, 1, 1)], 16);
const ATKINSON: Taps = (&[(1, 0, 1), (2, 0, 1), (-1, 1, 1), (0, 1, 1), (1, 1, 1), (0, 2, 1)], 8);
const JJN: Taps = (
    &[
        (1, 0, 7), (2, 0, 5),
        (-2, 1, 3), (-1, 1, 5), (0, 1, 7), (1, 1, 5), (2, 1, 3),
        (-2, 2, 1), (-1, 2, 3), (0, 2, 5), (1, 2, 3), (2, 2, 1),
    ],
    48,
);
const SIERRA_LITE: Taps = (&[(1, 0, 2), (-1, 1, 1), (0, 1, 1)], 4);

impl Kernel {
    fn taps(self) -> Taps {
        match self {
            Kernel::FloydSteinberg => FS,
            Kernel::Atkinson => ATKINSON,
            Kernel::JarvisJudiceNinke => JJN,
            Kernel::SierraLite => SIERRA_LITE,
        }
    }
}

#[inline]
pub(crate) fn quantise(v: i32, levels: u8) -> i32 {
    let step = 255 / (levels as i32 - 1);
    let q = ((v.clamp(0, 255) + step / 2) / step) * step;
    q.min(255)
}

pub(crate) fn diffuse(img: &mut Gray, kernel: Kernel, levels: u8) {
    let (taps, div) = kernel.taps();
    let (w, h) = (img.width as i32, img.height as i32);
    // work in i32 so error can go negative / above 255
    let mut buf: Vec<i32> = img.data.iter().map(|&v| v as i32).collect();
    for y in 0..h {
        // serpentine scan reduces worm artefacts
        let ltr = y % 2 == 0;
        for i in 0..w {
            let x = if ltr { i } else { w - 1 - i };
            let idx = (y * w + x) as usize;
            let old = buf[idx];
            let new = quantise(old, levels);
            buf[idx] = new;
            let err = old - new;
            for &(dx, dy, wt) in taps {
                let dx = if ltr { dx } else { -dx };
                let (nx, ny) = (x + dx, y + dy);
                if nx >= 0 && nx < w && ny < h {
                    buf[(ny * w + nx) as usize] += err * wt / div;
                }
            }
        }
    }
    for (d, s) in img.data.iter_mut().zip(buf) {
        *d = s.clamp(0, 255) as u8;
    }
    crate::tune::touch();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bw_only() {
        let mut g = Gray::from_raw(4, 4, (0..16).map(|v| (v * 16) as u8).collect());
        diffuse(&mut g, Kernel::FloydSteinberg, 2);
        assert!(g.data.iter().all(|&v| v == 0 || v == 255));
    }
}
