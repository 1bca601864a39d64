use crate::kernel::quantise;
use crate::Gray;

const B2: [u8; 4] = [0, 2, 3, 1];

/// Recursively build an n×n Bayer index matrix (n a power of two).
pub fn bayer_matrix(n: usize) -> Vec<u32> {
    assert!(n.is_power_of_two() && n >= 2 && n <= 16);
    let mut m: Vec<u32> = B2.iter().map(|&v| v as u32).collect();
    let mut size = 2;
    while size < n {
        let next = size * 2;
        let mut out = vec![0u32; next * next];
        for y in 0..next {
            for x in 0..next {
                let q = B2[(y / size) * 2 + (x / size)] as u32;
                out[y * next + x] = 4 * m[(y % size) * size + (x % size)] + q;
            }
        }
        m = out;
        size = next;
    }
    m
}

pub(crate) fn bayer(img: &mut Gray, n: usize, levels: u8) {
    let m = bayer_matrix(n);
    let cells = (n * n) as i32;
    let step = 255 / (levels as i32 - 1);
    for y in 0..img.height {
        for x in 0..img.width {
            let t = m[(y % n) * n + (x % n)] as i32;
            let bias = (t * step) / cells - step / 2;
            let i = y * img.width + x;
            img.data[i] = quantise(img.data[i] as i32 + bias, levels) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn bayer4() {
        let m = super::bayer_matrix(4);
        let mut s = m.clone();
        s.sort();
        assert_eq!(s, (0..16).collect::<Vec<_>>());
    }
}
