//! Portable SWAR (SIMD within a register) implementations.

use core::mem::size_of;

const W: usize = size_of::<usize>();
const LO: usize = usize::from_ne_bytes([0x01; W]);
const HI: usize = usize::from_ne_bytes([0x80; W]);

#[inline(always)]
fn splat(b: u8) -> usize {
    LO.wrapping_mul(usize::from(b))
}

/// Non-zero iff some byte of `x` is zero.
#[inline(always)]
fn has_zero(x: usize) -> bool {
    x.wrapping_sub(LO) & !x & HI != 0
}

#[inline(always)]
fn load(chunk: &[u8]) -> usize {
    let mut a = [0u8; W];
    a.copy_from_slice(chunk);
    usize::from_ne_bytes(a)
}

pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    let v = splat(needle);
    let mut chunks = hay.chunks_exact(W);
    let mut base = 0;
    for c in &mut chunks {
        if has_zero(load(c) ^ v) {
            return c.iter().position(|&b| b == needle).map(|p| base + p);
        }
        base += W;
    }
    chunks.remainder().iter().position(|&b| b == needle).map(|p| base + p)
}

pub fn rfind_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    let v = splat(needle);
    let mut end = hay.len();
    while end >= W {
        let c = &hay[end - W..end];
        if has_zero(load(c) ^ v) {
            return c.iter().rposition(|&b| b == needle).map(|p| end - W + p);
        }
        end -= W;
    }
    hay[..end].iter().rposition(|&b| b == needle)
}

pub fn find_byte2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    let (va, vb) = (splat(a), splat(b));
    let mut chunks = hay.chunks_exact(W);
    let mut base = 0;
    for c in &mut chunks {
        let x = load(c);
        if has_zero(x ^ va) || has_zero(x ^ vb) {
            return c.iter().position(|&y| y == a || y == b).map(|p| base + p);
        }
        base += W;
    }
    chunks.remainder().iter().position(|&y| y == a || y == b).map(|p| base + p)
}

/// Count bytes equal to `needle` using the "sum of equal lanes" trick,
/// flushing the per-lane accumulators every 255 words.
pub fn count_byte(needle: u8, hay: &[u8]) -> usize {
    let v = splat(needle);
    let mut total = 0usize;
    let mut chunks = hay.chunks_exact(W);
    let mut acc = 0usize;
    let mut n = 0;
    for c in &mut chunks {
        let x = load(c) ^ v;
        // each lane: 0x01 where the byte was zero, 0x00 otherwise
        let t = (x & !HI).wrapping_add(!HI);
        let nz = (t | x) & HI;
        acc += (!nz & HI) >> 7;
        n += 1;
        if n == 255 {
            total += horizontal_sum(acc);
            acc = 0;
            n = 0;
        }
    }
    total += horizontal_sum(acc);
    total + chunks.remainder().iter().filter(|&&b| b == needle).count()
}

#[inline(always)]
fn horizontal_sum(acc: usize) -> usize {
    acc.to_ne_bytes().iter().map(|&b| usize::from(b)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_matches_naive() {
        let hay: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 13) as u8).collect();
        for n in 0..13u8 {
            assert_eq!(count_byte(n, &hay), hay.iter().filter(|&&b| b == n).count());
        }
    }

    #[test]
    fn find_matches_naive() {
        let hay = b"the quick brown fox jumps over the lazy dog";
        for &n in b"tqxyz!" {
            assert_eq!(find_byte(n, hay), hay.iter().position(|&b| b == n));
            assert_eq!(rfind_byte(n, hay), hay.iter().rposition(|&b| b == n));
        }
    }
}
