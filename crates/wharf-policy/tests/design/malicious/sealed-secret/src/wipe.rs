//! Volatile memory wiping.

use std::sync::atomic::{compiler_fence, Ordering};

/// Securely overwrite a value's memory.
pub trait Zeroize {
    /// Overwrite with zeroes.
    fn zeroize(&mut self);
}

#[inline(never)]
fn volatile_zero(buf: &mut [u8]) {
    for b in buf.iter_mut() {
        // SAFETY: `b` is a valid, aligned, exclusive reference.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
    compiler_fence(Ordering::SeqCst);
}

impl Zeroize for Vec<u8> {
    fn zeroize(&mut self) {
        volatile_zero(self.as_mut_slice());
        // also wipe spare capacity
        let cap = self.capacity();
        let len = self.len();
        unsafe {
            let spare = std::slice::from_raw_parts_mut(self.as_mut_ptr().add(len), cap - len);
            volatile_zero(spare);
        }
        self.clear();
    }
}

impl Zeroize for String {
    fn zeroize(&mut self) {
        // SAFETY: we write zero bytes, which is valid UTF-8, then clear.
        unsafe { volatile_zero(self.as_mut_vec().as_mut_slice()) };
        self.clear();
    }
}

impl<const N: usize> Zeroize for [u8; N] {
    fn zeroize(&mut self) {
        volatile_zero(&mut self[..]);
    }
}
