//! SSE2 / AVX2 implementations (selected at compile time by the build script).

#[cfg(target_arch = "x86")]
use core::arch::x86::*;
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::*;

use crate::swar;

#[cfg(bytescan_avx2)]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    // SAFETY: `bytescan_avx2` is only emitted when avx2 is a compile-time
    // target feature; loads stay within `hay`.
    unsafe {
        let v = _mm256_set1_epi8(needle as i8);
        let mut i = 0;
        while i + 32 <= hay.len() {
            let c = _mm256_loadu_si256(hay.as_ptr().add(i) as *const __m256i);
            let m = _mm256_movemask_epi8(_mm256_cmpeq_epi8(c, v)) as u32;
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 32;
        }
        swar::find_byte(needle, &hay[i..]).map(|p| p + i)
    }
}

#[cfg(not(bytescan_avx2))]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    // SAFETY: `bytescan_sse2` is only emitted when sse2 is a compile-time
    // target feature; loads stay within `hay`.
    unsafe {
        let v = _mm_set1_epi8(needle as i8);
        let mut i = 0;
        while i + 16 <= hay.len() {
            let c = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
            let m = _mm_movemask_epi8(_mm_cmpeq_epi8(c, v)) as u32;
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        swar::find_byte(needle, &hay[i..]).map(|p| p + i)
    }
}

pub fn rfind_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    // SAFETY: see `find_byte`.
    unsafe {
        let v = _mm_set1_epi8(needle as i8);
        let mut end = hay.len();
        while end >= 16 {
            let c = _mm_loadu_si128(hay.as_ptr().add(end - 16) as *const __m128i);
            let m = _mm_movemask_epi8(_mm_cmpeq_epi8(c, v)) as u32;
            if m != 0 {
                return Some(end - 16 + (31 - m.leading_zeros() as usize));
            }
            end -= 16;
        }
        swar::rfind_byte(needle, &hay[..end])
    }
}

pub fn find_byte2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    // SAFETY: see `find_byte`.
    unsafe {
        let (va, vb) = (_mm_set1_epi8(a as i8), _mm_set1_epi8(b as i8));
        let mut i = 0;
        while i + 16 <= hay.len() {
            let c = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
            let eq = _mm_or_si128(_mm_cmpeq_epi8(c, va), _mm_cmpeq_epi8(c, vb));
            let m = _mm_movemask_epi8(eq) as u32;
            if m != 0 {
                return Some(i + m.trailing_zeros() as usize);
            }
            i += 16;
        }
        swar::find_byte2(a, b, &hay[i..]).map(|p| p + i)
    }
}

pub fn count_byte(needle: u8, hay: &[u8]) -> usize {
    // SAFETY: see `find_byte`.
    unsafe {
        let v = _mm_set1_epi8(needle as i8);
        let mut total = 0usize;
        let mut i = 0;
        while i + 16 <= hay.len() {
            let c = _mm_loadu_si128(hay.as_ptr().add(i) as *const __m128i);
            total += (_mm_movemask_epi8(_mm_cmpeq_epi8(c, v)) as u32).count_ones() as usize;
            i += 16;
        }
        total + swar::count_byte(needle, &hay[i..])
    }
}
