//! Late-bound libc clock and zone routines.
//!
//! `ntp_adjtime`, `clock_adjtime`, `tzset`, `putenv` and friends differ in availability and
//! symbol versioning between glibc, musl and the BSD/macOS libcs. They are looked up at run time
//! in the already-loaded images (like std's own `weak!` machinery does for `statx` and
//! `getrandom`) instead of being linked, so one binary runs everywhere.

#![allow(clippy::missing_safety_doc)]

use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int, c_void};

/// Address of `name` in the global symbol scope, if present.
pub(crate) fn resolve(name: &CStr) -> Option<*mut c_void> {
    #[cfg(unix)]
    {
        // SAFETY: dlsym with RTLD_DEFAULT only reads the loader's symbol tables.
        let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
        if p.is_null() {
            None
        } else {
            Some(p)
        }
    }
    #[cfg(not(unix))]
    {
        let _ = name;
        None
    }
}

/// Call a routine of type `int f(void)`.
pub(crate) fn call0(name: &CStr) -> Option<c_int> {
    let p = resolve(name)?;
    // SAFETY: callers only pass names of `int f(void)` / `void f(void)` routines.
    let f: extern "C" fn() -> c_int = unsafe { std::mem::transmute(p) };
    Some(f())
}

/// Call a routine of type `int f(const char *)`. The argument is intentionally leaked:
/// `putenv(3)` keeps the pointer, and the other users are one-shot.
pub(crate) fn call_str(name: &CStr, arg: CString) -> Option<c_int> {
    let p = resolve(name)?;
    let raw = arg.into_raw();
    // SAFETY: callers only pass names of `int f(const char *)` routines.
    let f: extern "C" fn(*const c_char) -> c_int = unsafe { std::mem::transmute(p) };
    Some(f(raw))
}

/// Call a routine of type `int f(void *)`, e.g. `ntp_adjtime(struct timex *)`.
pub(crate) fn call_ptr(name: &CStr, arg: *mut c_void) -> Option<c_int> {
    let p = resolve(name)?;
    // SAFETY: callers only pass names of `int f(T *)` routines with a matching `arg`.
    let f: extern "C" fn(*mut c_void) -> c_int = unsafe { std::mem::transmute(p) };
    Some(f(arg))
}

/// Build a C string from bytes, dropping anything after an interior NUL.
pub(crate) fn cstring_lossy(bytes: &[u8]) -> CString {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn resolves_libc_symbol() {
        assert!(resolve(&cstring_lossy(b"getpid")).is_some());
        assert!(resolve(&cstring_lossy(b"definitely_not_a_symbol_42")).is_none());
    }

    #[test]
    fn cstring_truncates() {
        assert_eq!(cstring_lossy(b"ab\0cd").as_bytes(), b"ab");
    }
}
