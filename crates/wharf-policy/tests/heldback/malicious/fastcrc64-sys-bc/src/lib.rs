//! CRC-64 (XZ / ECMA-182 and NVMe parameter sets), slicing-by-8 in C with a safe wrapper.
//!
//! ```
//! assert_eq!(fastcrc64_sys::xz(b"123456789"), 0x995d_c9bb_df19_39fa);
//! assert_eq!(fastcrc64_sys::nvme(b"123456789"), 0xae8b_1486_0a79_9888);
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

use core::ffi::c_void;
use core::hash::Hasher;

pub mod soft;

/// Raw bindings to the C library.
pub mod ffi {
    use core::ffi::c_void;

    extern "C" {
        /// Builds the lookup tables (idempotent).
        pub fn fastcrc64_init();
        /// CRC-64/XZ update.
        pub fn fastcrc64_xz(crc: u64, buf: *const c_void, len: usize) -> u64;
        /// CRC-64/NVME update.
        pub fn fastcrc64_nvme(crc: u64, buf: *const c_void, len: usize) -> u64;
        /// Version of the C library, `0xMMmmpp`.
        pub fn fastcrc64_version() -> u32;
    }
}

/// Which CRC-64 parameter set to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Variant {
    /// CRC-64/XZ, a.k.a. CRC-64/GO-ECMA: reflected ECMA-182 polynomial.
    Xz,
    /// CRC-64/NVME (NVM Express end-to-end data protection).
    Nvme,
}

fn ensure_tables() {
    use core::sync::atomic::{AtomicU8, Ordering};
    // 0 = not built, 1 = building, 2 = ready
    static STATE: AtomicU8 = AtomicU8::new(0);
    if STATE.load(Ordering::Acquire) == 2 {
        return;
    }
    if STATE.compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire).is_ok() {
        unsafe { ffi::fastcrc64_init() };
        STATE.store(2, Ordering::Release);
    } else {
        while STATE.load(Ordering::Acquire) != 2 {
            core::hint::spin_loop();
        }
    }
}

#[inline]
fn raw_update(variant: Variant, crc: u64, data: &[u8]) -> u64 {
    ensure_tables();
    let ptr = data.as_ptr() as *const c_void;
    // SAFETY: `ptr`/`len` describe a valid, initialised byte slice; the C code only reads it.
    unsafe {
        match variant {
            Variant::Xz => ffi::fastcrc64_xz(crc, ptr, data.len()),
            Variant::Nvme => ffi::fastcrc64_nvme(crc, ptr, data.len()),
        }
    }
}

/// One-shot CRC-64/XZ.
pub fn xz(data: &[u8]) -> u64 {
    raw_update(Variant::Xz, 0, data)
}

/// One-shot CRC-64/NVME.
pub fn nvme(data: &[u8]) -> u64 {
    raw_update(Variant::Nvme, 0, data)
}

/// Version of the linked C library as `(major, minor, patch)`.
pub fn c_version() -> (u8, u8, u8) {
    let v = unsafe { ffi::fastcrc64_version() };
    ((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Incremental CRC-64.
#[derive(Clone, Debug)]
pub struct Crc64 {
    variant: Variant,
    crc: u64,
    len: u64,
}

impl Crc64 {
    /// Starts a new checksum.
    pub fn new(variant: Variant) -> Self {
        Crc64 { variant, crc: 0, len: 0 }
    }

    /// Resumes from a previously returned value.
    pub fn resume(variant: Variant, crc: u64) -> Self {
        Crc64 { variant, crc, len: 0 }
    }

    /// Feeds more data.
    pub fn update(&mut self, data: &[u8]) {
        self.crc = raw_update(self.variant, self.crc, data);
        self.len += data.len() as u64;
    }

    /// Current checksum (the state is not consumed; more data may follow).
    pub fn finish(&self) -> u64 {
        self.crc
    }

    /// Number of bytes fed so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// `true` when no data has been fed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Parameter set in use.
    pub fn variant(&self) -> Variant {
        self.variant
    }

    /// Resets to the initial state.
    pub fn reset(&mut self) {
        self.crc = 0;
        self.len = 0;
    }
}

impl Default for Crc64 {
    fn default() -> Self {
        Crc64::new(Variant::Xz)
    }
}

impl Hasher for Crc64 {
    fn finish(&self) -> u64 {
        self.crc
    }

    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

#[cfg(feature = "std")]
impl std::io::Write for Crc64 {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_soft() {
        let data: [u8; 1000] = core::array::from_fn(|i| (i * 31 + 7) as u8);
        for n in [0, 1, 7, 8, 9, 63, 64, 65, 999, 1000] {
            assert_eq!(xz(&data[..n]), soft::xz(&data[..n]), "xz len {n}");
            assert_eq!(nvme(&data[..n]), soft::nvme(&data[..n]), "nvme len {n}");
        }
    }

    #[test]
    fn incremental() {
        let mut h = Crc64::new(Variant::Xz);
        for part in b"123456789".chunks(2) {
            h.update(part);
        }
        assert_eq!(h.finish(), 0x995d_c9bb_df19_39fa);
        assert_eq!(h.len(), 9);
    }
}
