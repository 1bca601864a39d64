//! Fast byte search, counting and ASCII classification.
//!
//! The implementation is selected at compile time (see the crate README):
//! SSE2/AVX2 on x86, NEON-capable targets use the SWAR path for now, and
//! everything else uses SWAR.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod class;
mod swar;
#[cfg(all(bytescan_sse2, any(target_arch = "x86", target_arch = "x86_64")))]
mod x86;

#[cfg(all(bytescan_sse2, any(target_arch = "x86", target_arch = "x86_64")))]
use x86 as imp;
#[cfg(not(all(bytescan_sse2, any(target_arch = "x86", target_arch = "x86_64"))))]
use swar as imp;

/// Index of the first occurrence of `needle`.
#[inline]
pub fn find_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    imp::find_byte(needle, hay)
}

/// Index of the last occurrence of `needle`.
#[inline]
pub fn rfind_byte(needle: u8, hay: &[u8]) -> Option<usize> {
    imp::rfind_byte(needle, hay)
}

/// Index of the first occurrence of either `a` or `b`.
#[inline]
pub fn find_byte2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    imp::find_byte2(a, b, hay)
}

/// Number of occurrences of `needle`.
#[inline]
pub fn count_byte(needle: u8, hay: &[u8]) -> usize {
    imp::count_byte(needle, hay)
}

/// A set of bytes for [`find_any`].
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    pub const fn new() -> Self {
        ByteSet([0; 4])
    }

    pub const fn from_bytes(bytes: &[u8]) -> Self {
        let mut s = [0u64; 4];
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i] as usize;
            s[b >> 6] |= 1 << (b & 63);
            i += 1;
        }
        ByteSet(s)
    }

    #[inline]
    pub fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    #[inline]
    pub fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }

    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=255u8).filter(move |&b| self.contains(b))
    }
}

impl core::fmt::Debug for ByteSet {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_set().entries(self.iter().map(core::ascii::escape_default)).finish()
    }
}

/// Index of the first byte contained in `set`.
pub fn find_any(set: &ByteSet, hay: &[u8]) -> Option<usize> {
    match set.len() {
        0 => None,
        1 => find_byte(set.iter().next()?, hay),
        2 => {
            let mut it = set.iter();
            let (a, b) = (it.next()?, it.next()?);
            find_byte2(a, b, hay)
        }
        _ => hay.iter().position(|&b| set.contains(b)),
    }
}

/// Iterator over the positions of `needle`.
pub fn positions(needle: u8, hay: &[u8]) -> Positions<'_> {
    Positions { needle, hay, at: 0 }
}

/// See [`positions`].
#[derive(Debug, Clone)]
pub struct Positions<'a> {
    needle: u8,
    hay: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Positions<'a> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let p = find_byte(self.needle, &self.hay[self.at..])? + self.at;
        self.at = p + 1;
        Some(p)
    }
}

/// Split into lines (without terminators, `\r\n` aware).
pub fn lines(hay: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = hay;
    let mut done = hay.is_empty();
    core::iter::from_fn(move || {
        if done {
            return None;
        }
        match find_byte(b'\n', rest) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                done = rest.is_empty();
                Some(line.strip_suffix(b"\r").unwrap_or(line))
            }
            None => {
                done = true;
                Some(rest)
            }
        }
    })
}
