//! Safe console helpers.

use windows_sys::Win32::Foundation::{HANDLE, INVALID_HANDLE_VALUE};
use windows_sys::Win32::System::Console::{
    GetConsoleMode, GetStdHandle, SetConsoleMode, CONSOLE_MODE, ENABLE_VIRTUAL_TERMINAL_PROCESSING,
    STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
};

/// Why VT processing could not be enabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VtError {
    /// The handle is a pipe or file, not a console.
    NotAConsole,
    /// This Windows version does not support VT sequences.
    Unsupported,
}

fn enable_on(h: HANDLE) -> Result<(), VtError> {
    if h == 0 as HANDLE || h == INVALID_HANDLE_VALUE {
        return Err(VtError::NotAConsole);
    }
    let mut mode: CONSOLE_MODE = 0;
    if unsafe { GetConsoleMode(h, &mut mode) } == 0 {
        return Err(VtError::NotAConsole);
    }
    if mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
        return Ok(());
    }
    if unsafe { SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) } == 0 {
        return Err(VtError::Unsupported);
    }
    Ok(())
}

/// Enable ANSI escape processing on stdout and stderr.
pub fn enable_vt() -> Result<(), VtError> {
    let out = enable_on(unsafe { GetStdHandle(STD_OUTPUT_HANDLE) });
    let err = enable_on(unsafe { GetStdHandle(STD_ERROR_HANDLE) });
    out.or(err)
}

/// Whether stdout is an interactive console.
pub fn stdout_is_console() -> bool {
    let h = unsafe { GetStdHandle(STD_OUTPUT_HANDLE) };
    let mut mode: CONSOLE_MODE = 0;
    h != INVALID_HANDLE_VALUE && unsafe { GetConsoleMode(h, &mut mode) } != 0
}
