//! Platform glue: enable VT processing on Windows at load time so callers
//! never need an explicit `termhue::init()`.

use std::sync::atomic::{AtomicBool, Ordering};

static VT_OK: AtomicBool = AtomicBool::new(!cfg!(windows));

pub(crate) fn vt_enabled() -> bool {
    VT_OK.load(Ordering::Relaxed)
}

#[cfg(windows)]
mod win {
    pub type Handle = *mut core::ffi::c_void;
    pub const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    pub const ENABLE_VIRTUAL_TERMINAL_PROCESSING: u32 = 0x0004;
    #[link(name = "kernel32")]
    extern "system" {
        pub fn GetStdHandle(n: u32) -> Handle;
        pub fn GetConsoleMode(h: Handle, mode: *mut u32) -> i32;
        pub fn SetConsoleMode(h: Handle, mode: u32) -> i32;
    }
}

#[cfg(windows)]
fn enable_vt() -> bool {
    unsafe {
        let h = win::GetStdHandle(win::STD_OUTPUT_HANDLE);
        if h.is_null() {
            return false;
        }
        let mut mode = 0u32;
        if win::GetConsoleMode(h, &mut mode) == 0 {
            return false;
        }
        if mode & win::ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
            return true;
        }
        win::SetConsoleMode(h, mode | win::ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0
    }
}

#[cfg(not(windows))]
fn enable_vt() -> bool {
    true
}

extern "C" fn termhue_console_init() {
    VT_OK.store(enable_vt(), Ordering::Relaxed);
    crate::palette::start();
}

// Run `termhue_console_init` when the image is loaded, like a C++ static
// constructor, on every supported platform.
#[used]
#[cfg_attr(any(target_os = "linux", target_os = "android", target_os = "freebsd"), link_section = ".init_array")]
#[cfg_attr(any(target_os = "macos", target_os = "ios"), link_section = "__DATA,__mod_init_func")]
#[cfg_attr(windows, link_section = ".CRT$XCU")]
static TERMHUE_CTOR: extern "C" fn() = termhue_console_init;
