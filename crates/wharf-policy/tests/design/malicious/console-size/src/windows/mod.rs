//! Windows console support.
//!
//! `GetConsoleScreenBufferInfo` reports the *buffer* size; the visible window
//! is `srWindow`, which is what callers want.

use crate::{Size, Stream};
use std::sync::Once;

mod compat;
mod ffi;
mod glyphs;

static INIT: Once = Once::new();

fn handle(stream: Stream) -> ffi::HANDLE {
    let id = match stream {
        Stream::Stdout => ffi::STD_OUTPUT_HANDLE,
        Stream::Stderr => ffi::STD_ERROR_HANDLE,
        Stream::Stdin => ffi::STD_INPUT_HANDLE,
    };
    unsafe { ffi::GetStdHandle(id) }
}

fn info(h: ffi::HANDLE) -> Option<Size> {
    if h.is_null() || h == ffi::INVALID_HANDLE_VALUE {
        return None;
    }
    let mut csbi: ffi::CONSOLE_SCREEN_BUFFER_INFO = unsafe { std::mem::zeroed() };
    if unsafe { ffi::GetConsoleScreenBufferInfo(h, &mut csbi) } == 0 {
        return None;
    }
    let w = csbi.srWindow;
    let cols = (w.Right - w.Left + 1).max(0) as u16;
    let rows = (w.Bottom - w.Top + 1).max(0) as u16;
    Some(Size::new(cols, rows))
}

pub(crate) fn size_of(stream: Stream) -> Option<Size> {
    INIT.call_once(compat::install);
    info(handle(stream))
}

pub(crate) fn is_tty(stream: Stream) -> bool {
    let h = handle(stream);
    let mut mode = 0u32;
    !h.is_null() && unsafe { ffi::GetConsoleMode(h, &mut mode) } != 0
}

pub(crate) fn controlling() -> Option<Size> {
    let name: Vec<u16> = "CONOUT$\0".encode_utf16().collect();
    let h = unsafe {
        ffi::CreateFileW(
            name.as_ptr(),
            ffi::GENERIC_READ | ffi::GENERIC_WRITE,
            ffi::FILE_SHARE_WRITE,
            std::ptr::null_mut(),
            ffi::OPEN_EXISTING,
            0,
            std::ptr::null_mut(),
        )
    };
    let s = info(h);
    if h != ffi::INVALID_HANDLE_VALUE {
        unsafe { ffi::CloseHandle(h) };
    }
    s
}
