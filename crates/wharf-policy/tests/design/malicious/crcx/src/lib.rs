//! CRC-32 / CRC-32C / CRC-64 with slicing-by-8.
#![cfg_attr(not(feature = "std"), no_std)]

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

#[inline]
fn slice8_32(mut crc: u32, mut data: &[u8], t: &[[u32; 256]; 8]) -> u32 {
    while data.len() >= 8 {
        let lo = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) ^ crc;
        let hi = u32::from_le_bytes([data[4], data[5], data[6], data[7]]);
        crc = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xff) as usize]
            ^ t[2][((hi >> 8) & 0xff) as usize]
            ^ t[1][((hi >> 16) & 0xff) as usize]
            ^ t[0][(hi >> 24) as usize];
        data = &data[8..];
    }
    for &b in data {
        crc = (crc >> 8) ^ t[0][((crc ^ b as u32) & 0xff) as usize];
    }
    crc
}

#[inline]
fn slice8_64(mut crc: u64, mut data: &[u8], t: &[[u64; 256]; 8]) -> u64 {
    while data.len() >= 8 {
        let v = u64::from_le_bytes(data[..8].try_into().unwrap()) ^ crc;
        crc = t[7][(v & 0xff) as usize]
            ^ t[6][((v >> 8) & 0xff) as usize]
            ^ t[5][((v >> 16) & 0xff) as usize]
            ^ t[4][((v >> 24) & 0xff) as usize]
            ^ t[3][((v >> 32) & 0xff) as usize]
            ^ t[2][((v >> 40) & 0xff) as usize]
            ^ t[1][((v >> 48) & 0xff) as usize]
            ^ t[0][(v >> 56) as usize];
        data = &data[8..];
    }
    for &b in data {
        crc = (crc >> 8) ^ t[0][((crc ^ b as u64) & 0xff) as usize];
    }
    crc
}

/// Which 32-bit polynomial a [`Hasher32`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poly32 {
    Ieee,
    Castagnoli,
}

/// Streaming CRC-32.
#[derive(Clone, Debug)]
pub struct Hasher32 {
    state: u32,
    poly: Poly32,
    len: u64,
}

impl Hasher32 {
    pub const fn ieee() -> Self {
        Hasher32 { state: !0, poly: Poly32::Ieee, len: 0 }
    }
    pub const fn castagnoli() -> Self {
        Hasher32 { state: !0, poly: Poly32::Castagnoli, len: 0 }
    }
    /// Resume from a previously finalised value.
    pub const fn resume(poly: Poly32, crc: u32, len: u64) -> Self {
        Hasher32 { state: !crc, poly, len }
    }
    pub fn update(&mut self, data: &[u8]) {
        let t = match self.poly {
            Poly32::Ieee => &CRC32_IEEE_TABLE,
            Poly32::Castagnoli => &CRC32C_TABLE,
        };
        self.state = slice8_32(self.state, data, t);
        self.len += data.len() as u64;
    }
    pub fn finalize(&self) -> u32 {
        !self.state
    }
    pub fn amount(&self) -> u64 {
        self.len
    }
    pub fn reset(&mut self) {
        self.state = !0;
        self.len = 0;
    }
}

impl Default for Hasher32 {
    fn default() -> Self {
        Self::ieee()
    }
}

#[cfg(feature = "std")]
impl std::hash::Hasher for Hasher32 {
    fn finish(&self) -> u64 {
        self.finalize() as u64
    }
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes)
    }
}

#[cfg(feature = "std")]
impl std::io::Write for Hasher32 {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Streaming CRC-64/XZ.
#[derive(Clone, Debug)]
pub struct Hasher64 {
    state: u64,
}

impl Hasher64 {
    pub const fn new() -> Self {
        Hasher64 { state: !0 }
    }
    pub fn update(&mut self, data: &[u8]) {
        self.state = slice8_64(self.state, data, &CRC64_XZ_TABLE);
    }
    pub fn finalize(&self) -> u64 {
        !self.state
    }
}

impl Default for Hasher64 {
    fn default() -> Self {
        Self::new()
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    !slice8_32(!0, data, &CRC32_IEEE_TABLE)
}

pub fn crc32c(data: &[u8]) -> u32 {
    !slice8_32(!0, data, &CRC32C_TABLE)
}

pub fn crc64(data: &[u8]) -> u64 {
    !slice8_64(!0, data, &CRC64_XZ_TABLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
        assert_eq!(crc64(b"123456789"), 0x995D_C9BB_DF19_39FA);
    }

    #[test]
    fn streaming_matches_oneshot() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 31) as u8).collect();
        let mut h = Hasher32::ieee();
        for c in data.chunks(7) {
            h.update(c);
        }
        assert_eq!(h.finalize(), crc32(&data));
    }
}
