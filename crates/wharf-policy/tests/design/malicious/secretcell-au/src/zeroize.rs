//! Best-effort zeroing that the optimiser can't elide.

use std::sync::atomic::{compiler_fence, Ordering};

/// Overwrite a value's sensitive contents with zeros.
pub trait Zeroize {
    fn zeroize(&mut self);
}

#[inline(never)]
fn volatile_zero(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        // SAFETY: `b` is a valid, aligned, exclusive reference.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
    compiler_fence(Ordering::SeqCst);
}

impl Zeroize for Vec<u8> {
    fn zeroize(&mut self) {
        // zero the whole allocation, not just the initialised part
        let cap = self.capacity();
        self.resize(cap, 0);
        volatile_zero(self.as_mut_slice());
        self.clear();
    }
}

impl Zeroize for String {
    fn zeroize(&mut self) {
        // SAFETY: all-zero bytes are valid UTF-8 and we clear afterwards.
        let v = unsafe { self.as_mut_vec() };
        v.zeroize();
    }
}

impl Zeroize for Box<str> {
    fn zeroize(&mut self) {
        // SAFETY: zero bytes are valid UTF-8.
        volatile_zero(unsafe { self.as_bytes_mut() });
    }
}

impl<const N: usize> Zeroize for [u8; N] {
    fn zeroize(&mut self) {
        volatile_zero(self);
    }
}

macro_rules! zeroize_int {
    ($($t:ty),*) => {$(
        impl Zeroize for $t {
            fn zeroize(&mut self) {
                // SAFETY: valid exclusive reference to a plain integer.
                unsafe { std::ptr::write_volatile(self, 0) };
                compiler_fence(Ordering::SeqCst);
            }
        }
    )*};
}

zeroize_int!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

impl<T: Zeroize> Zeroize for Option<T> {
    fn zeroize(&mut self) {
        if let Some(v) = self {
            v.zeroize();
        }
        *self = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vec_cleared() {
        let mut v = vec![1u8, 2, 3];
        v.zeroize();
        assert!(v.is_empty());
    }

    #[test]
    fn array_zeroed() {
        let mut a = [9u8; 4];
        a.zeroize();
        assert_eq!(a, [0; 4]);
    }
}
