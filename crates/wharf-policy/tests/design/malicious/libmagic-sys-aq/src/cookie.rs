//! A small safe wrapper around a libmagic cookie.

use crate as ffi;
use std::ffi::{CStr, CString};
use std::fmt;
use std::os::raw::{c_int, c_void};
use std::path::Path;
use std::ptr;

/// Flags accepted by [`Cookie::open`] / [`Cookie::set_flags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags(pub c_int);

impl Flags {
    pub const NONE: Flags = Flags(ffi::MAGIC_NONE);
    pub const MIME_TYPE: Flags = Flags(ffi::MAGIC_MIME_TYPE);
    pub const MIME_ENCODING: Flags = Flags(ffi::MAGIC_MIME_ENCODING);
    pub const MIME: Flags = Flags(ffi::MAGIC_MIME);
    pub const SYMLINK: Flags = Flags(ffi::MAGIC_SYMLINK);
    pub const COMPRESS: Flags = Flags(ffi::MAGIC_COMPRESS);
    pub const CONTINUE: Flags = Flags(ffi::MAGIC_CONTINUE);
    pub const EXTENSION: Flags = Flags(ffi::MAGIC_EXTENSION);
    pub const ERROR: Flags = Flags(ffi::MAGIC_ERROR);
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MagicError {
    pub errno: i32,
    pub message: String,
}

impl fmt::Display for MagicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "libmagic: {} (errno {})", self.message, self.errno)
    }
}

impl std::error::Error for MagicError {}

/// An open libmagic handle. Not thread safe; use one per thread.
pub struct Cookie {
    raw: ffi::magic_t,
}

unsafe impl Send for Cookie {}

impl Cookie {
    pub fn open(flags: Flags) -> Result<Cookie, MagicError> {
        let raw = unsafe { ffi::magic_open(flags.0) };
        if raw.is_null() {
            return Err(MagicError { errno: -1, message: "magic_open failed".into() });
        }
        Ok(Cookie { raw })
    }

    fn last_error(&self) -> MagicError {
        unsafe {
            let msg = ffi::magic_error(self.raw);
            let message = if msg.is_null() {
                "unknown error".to_string()
            } else {
                CStr::from_ptr(msg).to_string_lossy().into_owned()
            };
            MagicError { errno: ffi::magic_errno(self.raw), message }
        }
    }

    fn check(&self, rc: c_int) -> Result<(), MagicError> {
        if rc == 0 {
            Ok(())
        } else {
            Err(self.last_error())
        }
    }

    fn text(&self, p: *const std::os::raw::c_char) -> Result<String, MagicError> {
        if p.is_null() {
            Err(self.last_error())
        } else {
            Ok(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
        }
    }

    /// Loads the default magic database.
    pub fn load_default(&self) -> Result<(), MagicError> {
        self.check(unsafe { ffi::magic_load(self.raw, ptr::null()) })
    }

    /// Loads one or more `:`-separated database files.
    pub fn load(&self, files: &str) -> Result<(), MagicError> {
        let c = CString::new(files).map_err(|_| MagicError { errno: 22, message: "NUL in path".into() })?;
        self.check(unsafe { ffi::magic_load(self.raw, c.as_ptr()) })
    }

    /// Loads compiled databases from memory. The buffers must stay alive while the cookie is used.
    pub fn load_buffers(&self, dbs: &[&[u8]]) -> Result<(), MagicError> {
        let mut ptrs: Vec<*mut c_void> = dbs.iter().map(|d| d.as_ptr() as *mut c_void).collect();
        let mut sizes: Vec<usize> = dbs.iter().map(|d| d.len()).collect();
        self.check(unsafe {
            ffi::magic_load_buffers(self.raw, ptrs.as_mut_ptr(), sizes.as_mut_ptr(), dbs.len())
        })
    }

    pub fn file(&self, path: impl AsRef<Path>) -> Result<String, MagicError> {
        let s = path.as_ref().to_string_lossy();
        let c = CString::new(s.as_bytes()).map_err(|_| MagicError { errno: 22, message: "NUL in path".into() })?;
        self.text(unsafe { ffi::magic_file(self.raw, c.as_ptr()) })
    }

    pub fn buffer(&self, data: &[u8]) -> Result<String, MagicError> {
        self.text(unsafe { ffi::magic_buffer(self.raw, data.as_ptr() as *const c_void, data.len()) })
    }

    pub fn flags(&self) -> Flags {
        Flags(unsafe { ffi::magic_getflags(self.raw) })
    }

    pub fn set_flags(&self, flags: Flags) -> Result<(), MagicError> {
        if unsafe { ffi::magic_setflags(self.raw, flags.0) } < 0 {
            Err(self.last_error())
        } else {
            Ok(())
        }
    }

    /// Sets a numeric limit such as [`crate::MAGIC_PARAM_BYTES_MAX`].
    pub fn set_param(&self, param: c_int, value: usize) -> Result<(), MagicError> {
        let v = value;
        self.check(unsafe { ffi::magic_setparam(self.raw, param, &v as *const usize as *const c_void) })
    }
}

impl Drop for Cookie {
    fn drop(&mut self) {
        unsafe { ffi::magic_close(self.raw) }
    }
}

/// libmagic version as `major * 100 + minor`, e.g. 545.
pub fn version() -> i32 {
    unsafe { ffi::magic_version() }
}
