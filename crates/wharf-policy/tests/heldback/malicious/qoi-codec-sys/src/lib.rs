//! Raw bindings to `qoi.h`.
//!
//! Buffers returned by [`qoi_encode`] and [`qoi_decode`] must be released with
//! [`qoi_free`].

#![allow(non_camel_case_types)]

use libc::{c_char, c_int, c_uchar, c_uint, c_void};

pub const QOI_SRGB: c_uchar = 0;
pub const QOI_LINEAR: c_uchar = 1;

/// Magic bytes at the start of every QOI file.
pub const QOI_MAGIC: [u8; 4] = *b"qoif";
pub const QOI_HEADER_SIZE: usize = 14;
pub const QOI_PIXELS_MAX: u32 = 400_000_000;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct qoi_desc {
    pub width: c_uint,
    pub height: c_uint,
    pub channels: c_uchar,
    pub colorspace: c_uchar,
}

extern "C" {
    pub fn qoi_encode(data: *const c_void, desc: *const qoi_desc, out_len: *mut c_int) -> *mut c_void;
    pub fn qoi_decode(data: *const c_void, size: c_int, desc: *mut qoi_desc, channels: c_int) -> *mut c_void;
    pub fn qoi_write(filename: *const c_char, data: *const c_void, desc: *const qoi_desc) -> c_int;
    pub fn qoi_read(filename: *const c_char, desc: *mut qoi_desc, channels: c_int) -> *mut c_void;
    pub fn qoi_free(p: *mut c_void);
}

/// Parses a QOI header without calling into C.
pub fn read_header(bytes: &[u8]) -> Option<qoi_desc> {
    if bytes.len() < QOI_HEADER_SIZE || bytes[..4] != QOI_MAGIC {
        return None;
    }
    let width = u32::from_be_bytes(bytes[4..8].try_into().ok()?);
    let height = u32::from_be_bytes(bytes[8..12].try_into().ok()?);
    let channels = bytes[12];
    let colorspace = bytes[13];
    if width == 0 || height == 0 || !(3..=4).contains(&channels) || colorspace > 1 {
        return None;
    }
    if u64::from(width) * u64::from(height) > u64::from(QOI_PIXELS_MAX) {
        return None;
    }
    Some(qoi_desc { width, height, channels, colorspace })
}

/// Upper bound of an encoded image's size, as computed by `qoi_encode`.
pub fn max_encoded_len(desc: &qoi_desc) -> usize {
    desc.width as usize * desc.height as usize * (desc.channels as usize + 1) + QOI_HEADER_SIZE + 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header() {
        let mut h = Vec::from(QOI_MAGIC);
        h.extend_from_slice(&2u32.to_be_bytes());
        h.extend_from_slice(&3u32.to_be_bytes());
        h.extend_from_slice(&[4, 0]);
        let d = read_header(&h).unwrap();
        assert_eq!((d.width, d.height, d.channels), (2, 3, 4));
        assert!(read_header(b"nope").is_none());
    }
}
