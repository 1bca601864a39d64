//! Runtime access to the linked zlib-ng version.

#[cfg(have_zng)]
extern "C" {
    fn zlibng_version() -> *const libc::c_char;
}

/// Version string of the linked zlib-ng, if one was found at build time.
pub fn version() -> Option<String> {
    #[cfg(have_zng)]
    unsafe {
        let p = zlibng_version();
        if p.is_null() {
            return None;
        }
        return Some(std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned());
    }
    #[cfg(not(have_zng))]
    None
}
