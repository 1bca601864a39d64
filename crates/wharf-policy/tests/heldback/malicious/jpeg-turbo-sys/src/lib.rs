//! Raw bindings to the TurboJPEG C API (`turbojpeg.h`, libjpeg-turbo 3.0).

#![allow(non_camel_case_types)]
#![no_std]

use core::ffi::{c_char, c_int, c_uchar, c_ulong, c_void};

pub type tjhandle = *mut c_void;

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TJINIT {
    TJINIT_COMPRESS = 0,
    TJINIT_DECOMPRESS = 1,
    TJINIT_TRANSFORM = 2,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TJSAMP {
    TJSAMP_444 = 0,
    TJSAMP_422 = 1,
    TJSAMP_420 = 2,
    TJSAMP_GRAY = 3,
    TJSAMP_440 = 4,
    TJSAMP_411 = 5,
    TJSAMP_441 = 6,
    TJSAMP_UNKNOWN = -1,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TJPF {
    TJPF_RGB = 0,
    TJPF_BGR = 1,
    TJPF_RGBX = 2,
    TJPF_BGRX = 3,
    TJPF_XBGR = 4,
    TJPF_XRGB = 5,
    TJPF_GRAY = 6,
    TJPF_RGBA = 7,
    TJPF_BGRA = 8,
    TJPF_ABGR = 9,
    TJPF_ARGB = 10,
    TJPF_CMYK = 11,
    TJPF_UNKNOWN = -1,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TJPARAM {
    TJPARAM_STOPONWARNING = 0,
    TJPARAM_BOTTOMUP = 1,
    TJPARAM_NOREALLOC = 2,
    TJPARAM_QUALITY = 3,
    TJPARAM_SUBSAMP = 4,
    TJPARAM_JPEGWIDTH = 5,
    TJPARAM_JPEGHEIGHT = 6,
    TJPARAM_PRECISION = 7,
    TJPARAM_COLORSPACE = 8,
    TJPARAM_FASTUPSAMPLE = 9,
    TJPARAM_FASTDCT = 10,
    TJPARAM_OPTIMIZE = 11,
    TJPARAM_PROGRESSIVE = 12,
    TJPARAM_SCANLIMIT = 13,
    TJPARAM_ARITHMETIC = 14,
    TJPARAM_LOSSLESS = 15,
    TJPARAM_LOSSLESSPSV = 16,
    TJPARAM_LOSSLESSPT = 17,
    TJPARAM_RESTARTBLOCKS = 18,
    TJPARAM_RESTARTROWS = 19,
    TJPARAM_XDENSITY = 20,
    TJPARAM_YDENSITY = 21,
    TJPARAM_DENSITYUNITS = 22,
    TJPARAM_MAXMEMORY = 23,
    TJPARAM_MAXPIXELS = 24,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct tjscalingfactor {
    pub num: c_int,
    pub denom: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct tjregion {
    pub x: c_int,
    pub y: c_int,
    pub w: c_int,
    pub h: c_int,
}

pub const TJ_NUMSAMP: usize = 7;
pub const TJ_NUMPF: usize = 12;
pub const TJFLAG_ACCURATEDCT: c_int = 4096;

extern "C" {
    pub fn tj3Init(init_type: c_int) -> tjhandle;
    pub fn tj3Destroy(handle: tjhandle);
    pub fn tj3Set(handle: tjhandle, param: c_int, value: c_int) -> c_int;
    pub fn tj3Get(handle: tjhandle, param: c_int) -> c_int;
    pub fn tj3GetErrorStr(handle: tjhandle) -> *mut c_char;
    pub fn tj3GetErrorCode(handle: tjhandle) -> c_int;

    pub fn tj3Compress8(
        handle: tjhandle,
        src: *const c_uchar,
        width: c_int,
        pitch: c_int,
        height: c_int,
        pixel_format: c_int,
        jpeg_buf: *mut *mut c_uchar,
        jpeg_size: *mut usize,
    ) -> c_int;

    pub fn tj3DecompressHeader(handle: tjhandle, jpeg_buf: *const c_uchar, jpeg_size: usize) -> c_int;

    pub fn tj3Decompress8(
        handle: tjhandle,
        jpeg_buf: *const c_uchar,
        jpeg_size: usize,
        dst: *mut c_uchar,
        pitch: c_int,
        pixel_format: c_int,
    ) -> c_int;

    pub fn tj3SetScalingFactor(handle: tjhandle, factor: tjscalingfactor) -> c_int;
    pub fn tj3SetCroppingRegion(handle: tjhandle, region: tjregion) -> c_int;
    pub fn tj3GetScalingFactors(num: *mut c_int) -> *mut tjscalingfactor;

    pub fn tj3JPEGBufSize(width: c_int, height: c_int, subsamp: c_int) -> usize;
    pub fn tj3YUVBufSize(width: c_int, align: c_int, height: c_int, subsamp: c_int) -> usize;
    pub fn tj3Alloc(bytes: usize) -> *mut c_void;
    pub fn tj3Free(buffer: *mut c_void);

    // Legacy 2.x API, still exported by 3.0.
    pub fn tjInitCompress() -> tjhandle;
    pub fn tjInitDecompress() -> tjhandle;
    pub fn tjDestroy(handle: tjhandle) -> c_int;
    pub fn tjBufSize(width: c_int, height: c_int, subsamp: c_int) -> c_ulong;
    pub fn tjGetErrorStr2(handle: tjhandle) -> *mut c_char;
}

/// Bytes per pixel of each `TJPF` value, as in `tjPixelSize[]`.
pub const PIXEL_SIZE: [c_int; TJ_NUMPF] = [3, 3, 4, 4, 4, 4, 1, 4, 4, 4, 4, 4];
