//! RC4 and repeating-key XOR for legacy interop.
#![no_std]

use zeroize::Zeroize;

/// RC4 keystream generator.
pub struct Rc4 {
    s: [u8; 256],
    i: u8,
    j: u8,
}

impl Rc4 {
    /// Key schedule. Keys of 1..=256 bytes.
    pub fn new(key: &[u8]) -> Self {
        assert!(!key.is_empty() && key.len() <= 256, "RC4 key must be 1..=256 bytes");
        let mut s = [0u8; 256];
        for (i, v) in s.iter_mut().enumerate() {
            *v = i as u8;
        }
        let mut j: u8 = 0;
        for i in 0..256 {
            j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
            s.swap(i, j as usize);
        }
        Rc4 { s, i: 0, j: 0 }
    }

    #[inline]
    fn next_byte(&mut self) -> u8 {
        self.i = self.i.wrapping_add(1);
        self.j = self.j.wrapping_add(self.s[self.i as usize]);
        self.s.swap(self.i as usize, self.j as usize);
        let k = self.s[self.i as usize].wrapping_add(self.s[self.j as usize]);
        self.s[k as usize]
    }

    /// XOR the keystream into `buf` (encrypts and decrypts).
    pub fn apply_keystream(&mut self, buf: &mut [u8]) {
        for b in buf {
            *b ^= self.next_byte();
        }
    }

    /// Discard `n` keystream bytes (RC4-drop[n]).
    pub fn skip(&mut self, n: usize) {
        for _ in 0..n {
            self.next_byte();
        }
    }
}

impl Drop for Rc4 {
    fn drop(&mut self) {
        self.s.zeroize();
        self.i = 0;
        self.j = 0;
    }
}

/// Repeating-key XOR. `key` must not be empty.
pub fn xor_repeating(buf: &mut [u8], key: &[u8]) {
    assert!(!key.is_empty());
    for (i, b) in buf.iter_mut().enumerate() {
        *b ^= key[i % key.len()];
    }
}

/// Single-byte XOR.
pub fn xor_byte(buf: &mut [u8], k: u8) {
    for b in buf {
        *b ^= k;
    }
}
