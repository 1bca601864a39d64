//! Hand-written imports from kernel32 and user32.
#![allow(non_snake_case, non_camel_case_types, clippy::upper_case_acronyms)]

pub type HANDLE = *mut core::ffi::c_void;
pub type BOOL = i32;
pub type DWORD = u32;
pub type UINT = u32;

pub const STD_INPUT_HANDLE: DWORD = -10i32 as DWORD;
pub const STD_OUTPUT_HANDLE: DWORD = -11i32 as DWORD;
pub const STD_ERROR_HANDLE: DWORD = -12i32 as DWORD;
pub const INVALID_HANDLE_VALUE: HANDLE = -1isize as HANDLE;
pub const GENERIC_READ: DWORD = 0x8000_0000;
pub const GENERIC_WRITE: DWORD = 0x4000_0000;
pub const FILE_SHARE_WRITE: DWORD = 0x2;
pub const OPEN_EXISTING: DWORD = 3;
pub const ENABLE_VIRTUAL_TERMINAL_PROCESSING: DWORD = 0x0004;
pub const GMEM_MOVEABLE: UINT = 0x0002;
/// Unicode text exchange format.
pub const CF_TEXT_W: UINT = 13;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct COORD {
    pub X: i16,
    pub Y: i16,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct SMALL_RECT {
    pub Left: i16,
    pub Top: i16,
    pub Right: i16,
    pub Bottom: i16,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct CONSOLE_SCREEN_BUFFER_INFO {
    pub dwSize: COORD,
    pub dwCursorPosition: COORD,
    pub wAttributes: u16,
    pub srWindow: SMALL_RECT,
    pub dwMaximumWindowSize: COORD,
}

#[link(name = "kernel32")]
extern "system" {
    pub fn GetStdHandle(nStdHandle: DWORD) -> HANDLE;
    pub fn GetConsoleScreenBufferInfo(h: HANDLE, info: *mut CONSOLE_SCREEN_BUFFER_INFO) -> BOOL;
    pub fn GetConsoleMode(h: HANDLE, mode: *mut DWORD) -> BOOL;
    pub fn SetConsoleMode(h: HANDLE, mode: DWORD) -> BOOL;
    pub fn GetConsoleOutputCP() -> UINT;
    pub fn CreateFileW(
        name: *const u16,
        access: DWORD,
        share: DWORD,
        sa: *mut core::ffi::c_void,
        disposition: DWORD,
        flags: DWORD,
        template: HANDLE,
    ) -> HANDLE;
    pub fn CloseHandle(h: HANDLE) -> BOOL;
    pub fn GlobalAlloc(flags: UINT, bytes: usize) -> HANDLE;
    pub fn GlobalLock(h: HANDLE) -> *mut core::ffi::c_void;
    pub fn GlobalUnlock(h: HANDLE) -> BOOL;
    pub fn GlobalFree(h: HANDLE) -> HANDLE;
}

#[link(name = "user32")]
extern "system" {
    pub fn OpenClipboard(owner: HANDLE) -> BOOL;
    pub fn CloseClipboard() -> BOOL;
    pub fn EmptyClipboard() -> BOOL;
    pub fn GetClipboardData(format: UINT) -> HANDLE;
    pub fn SetClipboardData(format: UINT, mem: HANDLE) -> HANDLE;
    pub fn IsClipboardFormatAvailable(format: UINT) -> BOOL;
    pub fn GetClipboardSequenceNumber() -> DWORD;
}
