//! Bitsets backed by `u64` words.
//!
//! Bulk operations are written so LLVM auto-vectorises them; on toolchains
//! with stable AVX2/NEON intrinsics (detected in `build.rs`) an explicit path
//! is used for `count_ones`.

#![cfg_attr(not(test), no_std)]
extern crate alloc;

use alloc::vec::Vec;
use core::fmt;
use core::ops::{BitAnd, BitOr, BitXor, Not};

const W: usize = 64;

#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct BitSet {
    words: Vec<u64>,
    len: usize,
}

impl BitSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_len(len: usize) -> Self {
        BitSet { words: alloc::vec![0; words_for(len)], len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn grow(&mut self, len: usize) {
        if len > self.len {
            self.words.resize(words_for(len), 0);
            self.len = len;
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> bool {
        i < self.len && self.words[i / W] >> (i % W) & 1 == 1
    }

    #[inline]
    pub fn set(&mut self, i: usize, v: bool) {
        if i >= self.len {
            self.grow(i + 1);
        }
        let m = 1u64 << (i % W);
        if v {
            self.words[i / W] |= m;
        } else {
            self.words[i / W] &= !m;
        }
    }

    pub fn insert(&mut self, i: usize) -> bool {
        let was = self.get(i);
        self.set(i, true);
        !was
    }

    pub fn remove(&mut self, i: usize) -> bool {
        let was = self.get(i);
        if was {
            self.set(i, false);
        }
        was
    }

    pub fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
    }

    pub fn count_ones(&self) -> usize {
        popcount(&self.words)
    }

    pub fn union_with(&mut self, o: &BitSet) {
        self.grow(o.len);
        zip_apply(&mut self.words, &o.words, |a, b| a | b);
    }

    pub fn intersect_with(&mut self, o: &BitSet) {
        let n = o.words.len();
        zip_apply(&mut self.words, &o.words, |a, b| a & b);
        self.words.iter_mut().skip(n).for_each(|w| *w = 0);
    }

    pub fn difference_with(&mut self, o: &BitSet) {
        zip_apply(&mut self.words, &o.words, |a, b| a & !b);
    }

    pub fn symmetric_difference_with(&mut self, o: &BitSet) {
        self.grow(o.len);
        zip_apply(&mut self.words, &o.words, |a, b| a ^ b);
    }

    pub fn is_subset(&self, o: &BitSet) -> bool {
        self.words.iter().enumerate().all(|(i, w)| w & !o.words.get(i).copied().unwrap_or(0) == 0)
    }

    pub fn iter(&self) -> Ones<'_> {
        Ones { words: &self.words, idx: 0, cur: self.words.first().copied().unwrap_or(0) }
    }

    fn mask_tail(&mut self) {
        let r = self.len % W;
        if r != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << r) - 1;
            }
        }
    }
}

#[inline]
fn words_for(bits: usize) -> usize {
    (bits + W - 1) / W
}

#[inline]
fn zip_apply(a: &mut [u64], b: &[u64], f: impl Fn(u64, u64) -> u64) {
    for (x, y) in a.iter_mut().zip(b) {
        *x = f(*x, *y);
    }
}

#[cfg(all(has_avx2_intrinsics, target_arch = "x86_64", target_feature = "popcnt"))]
fn popcount(ws: &[u64]) -> usize {
    let mut acc = [0usize; 4];
    let chunks = ws.chunks_exact(4);
    let rem = chunks.remainder();
    for c in chunks {
        for k in 0..4 {
            acc[k] += c[k].count_ones() as usize;
        }
    }
    acc.iter().sum::<usize>() + rem.iter().map(|w| w.count_ones() as usize).sum::<usize>()
}

#[cfg(not(all(has_avx2_intrinsics, target_arch = "x86_64", target_feature = "popcnt")))]
fn popcount(ws: &[u64]) -> usize {
    ws.iter().map(|w| w.count_ones() as usize).sum()
}

pub struct Ones<'a> {
    words: &'a [u64],
    idx: usize,
    cur: u64,
}

impl Iterator for Ones<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.cur != 0 {
                let t = self.cur.trailing_zeros() as usize;
                self.cur &= self.cur - 1;
                return Some(self.idx * W + t);
            }
            self.idx += 1;
            self.cur = *self.words.get(self.idx)?;
        }
    }
}

macro_rules! binop {
    ($tr:ident, $m:ident, $with:ident) => {
        impl $tr for &BitSet {
            type Output = BitSet;
            fn $m(self, rhs: &BitSet) -> BitSet {
                let mut r = self.clone();
                r.$with(rhs);
                r
            }
        }
    };
}
binop!(BitOr, bitor, union_with);
binop!(BitAnd, bitand, intersect_with);
binop!(BitXor, bitxor, symmetric_difference_with);

impl Not for &BitSet {
    type Output = BitSet;
    fn not(self) -> BitSet {
        let mut r = self.clone();
        r.words.iter_mut().for_each(|w| *w = !*w);
        r.mask_tail();
        r
    }
}

impl FromIterator<usize> for BitSet {
    fn from_iter<I: IntoIterator<Item = usize>>(it: I) -> Self {
        let mut s = BitSet::new();
        for i in it {
            s.insert(i);
        }
        s
    }
}

impl fmt::Debug for BitSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_ops() {
        let a: BitSet = [1, 3, 65, 130].into_iter().collect();
        let b: BitSet = [3, 65, 200].into_iter().collect();
        assert_eq!((&a & &b).iter().collect::<Vec<_>>(), vec![3, 65]);
        assert_eq!((&a | &b).count_ones(), 5);
        assert!(!a.is_subset(&b));
    }

    quickcheck::quickcheck! {
        fn count_matches(xs: Vec<u16>) -> bool {
            let s: BitSet = xs.iter().map(|&x| x as usize).collect();
            let mut u = xs.clone(); u.sort(); u.dedup();
            s.count_ones() == u.len()
        }
    }
}
