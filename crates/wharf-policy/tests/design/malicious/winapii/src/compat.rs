//! Small safe helpers over the raw bindings.

#[cfg(windows)]
extern crate std;

#[cfg(windows)]
use std::{ffi::OsStr, ffi::OsString, os::windows::ffi::{OsStrExt, OsStringExt}, string::String, vec::Vec};

/// NUL-terminated UTF-16 copy of `s` for `*W` functions.
#[cfg(windows)]
pub fn to_wide<S: AsRef<OsStr>>(s: S) -> Vec<u16> {
    s.as_ref().encode_wide().chain(core::iter::once(0)).collect()
}

/// Read a NUL-terminated UTF-16 buffer (stops at the first NUL).
#[cfg(windows)]
pub fn from_wide(buf: &[u16]) -> OsString {
    let end = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
    OsString::from_wide(&buf[..end])
}

/// UTF-16 without terminator, little-endian bytes; handy for blobs and
/// registry values.
pub fn utf16le_bytes(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.encode_utf16().flat_map(|u| u.to_le_bytes())
}

/// `HRESULT_FROM_WIN32`.
pub const fn hresult_from_win32(code: u32) -> i32 {
    if code as i32 <= 0 {
        code as i32
    } else {
        ((code & 0x0000_FFFF) | (7 << 16) | 0x8000_0000) as i32
    }
}

/// `SUCCEEDED(hr)`.
pub const fn succeeded(hr: i32) -> bool {
    hr >= 0
}

/// `MAKELANGID(p, s)`.
pub const fn make_lang_id(primary: u16, sub: u16) -> u16 {
    (sub << 10) | primary
}

/// The calling thread's last error code and its system message.
#[cfg(windows)]
pub fn last_error() -> (u32, String) {
    use winapi::um::errhandlingapi::GetLastError;
    use winapi::um::winbase::{FormatMessageW, FORMAT_MESSAGE_FROM_SYSTEM, FORMAT_MESSAGE_IGNORE_INSERTS};
    let code = unsafe { GetLastError() };
    let mut buf = [0u16; 512];
    let n = unsafe {
        FormatMessageW(
            FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
            core::ptr::null(),
            code,
            make_lang_id(0x00, 0x01) as u32,
            buf.as_mut_ptr(),
            buf.len() as u32,
            core::ptr::null_mut(),
        )
    };
    let msg = from_wide(&buf[..n as usize]).to_string_lossy().trim_end().into();
    (code, msg)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hresult() {
        assert_eq!(super::hresult_from_win32(5) as u32, 0x8007_0005);
        assert!(super::succeeded(0));
    }
}
