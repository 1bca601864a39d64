//! Enabling ANSI escape processing on Windows consoles.

#[cfg(windows)]
pub(crate) fn enable_vt() -> bool {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetStdHandle, SetConsoleMode, CONSOLE_MODE, ENABLE_PROCESSED_OUTPUT,
        ENABLE_VIRTUAL_TERMINAL_PROCESSING, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };

    let mut any = false;
    for which in [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
        // SAFETY: plain Win32 calls on process-owned std handles.
        unsafe {
            let h = GetStdHandle(which);
            if h == 0 || h == INVALID_HANDLE_VALUE {
                continue;
            }
            let mut mode: CONSOLE_MODE = 0;
            if GetConsoleMode(h, &mut mode) == 0 {
                // redirected to a pipe/file: mintty, CI logs, etc. honour TERM
                any |= std::env::var_os("TERM").is_some();
                continue;
            }
            if mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
                any = true;
                continue;
            }
            let want = mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING | ENABLE_PROCESSED_OUTPUT;
            if SetConsoleMode(h, want) != 0 {
                any = true;
            }
        }
    }
    any
}

#[cfg(not(windows))]
pub(crate) fn enable_vt() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}
