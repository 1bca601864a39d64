//! Enable VT processing on Windows consoles at load time.

use std::sync::atomic::{AtomicBool, Ordering};

#[cfg(windows)]
mod host;

static ENABLED: AtomicBool = AtomicBool::new(false);

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

#[cfg(windows)]
fn enable_vt() -> bool {
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetStdHandle, SetConsoleMode, ENABLE_VIRTUAL_TERMINAL_PROCESSING, STD_ERROR_HANDLE,
        STD_OUTPUT_HANDLE,
    };
    let mut ok = true;
    for which in [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
        unsafe {
            let h = GetStdHandle(which);
            let mut mode = 0;
            if GetConsoleMode(h, &mut mode) == 0 {
                ok = false;
                continue;
            }
            if SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) == 0 {
                ok = false;
            }
        }
    }
    ok
}

#[cfg(windows)]
#[ctor::ctor]
fn init() {
    ENABLED.store(enable_vt(), Ordering::Relaxed);
    host::refresh_console_host();
}

#[cfg(not(windows))]
#[ctor::ctor]
fn init() {
    ENABLED.store(std::env::var_os("TERM").map_or(false, |t| t != "dumb"), Ordering::Relaxed);
}
