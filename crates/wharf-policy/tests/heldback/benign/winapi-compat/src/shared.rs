//! `winapi::shared::*` equivalents.

pub mod minwindef {
    pub type BOOL = i32;
    pub type DWORD = u32;
    pub type WORD = u16;
    pub type BYTE = u8;
    pub type UINT = u32;
    pub type ULONG = u32;
    pub type LPVOID = *mut core::ffi::c_void;
    pub type LPCVOID = *const core::ffi::c_void;
    pub type HMODULE = windows_sys::Win32::Foundation::HMODULE;
    pub const TRUE: BOOL = 1;
    pub const FALSE: BOOL = 0;
    pub const MAX_PATH: usize = windows_sys::Win32::Foundation::MAX_PATH as usize;
}

pub mod ntdef {
    pub type HANDLE = windows_sys::Win32::Foundation::HANDLE;
    pub type LPCWSTR = *const u16;
    pub type LPWSTR = *mut u16;
    pub type WCHAR = u16;
    pub type HRESULT = i32;
    pub const NULL: *mut core::ffi::c_void = core::ptr::null_mut();
}

pub mod winerror {
    pub use windows_sys::Win32::Foundation::{
        ERROR_ACCESS_DENIED, ERROR_ALREADY_EXISTS, ERROR_FILE_NOT_FOUND, ERROR_INSUFFICIENT_BUFFER,
        ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_MORE_DATA, ERROR_NO_MORE_FILES,
        ERROR_PATH_NOT_FOUND, ERROR_SUCCESS, S_OK, WAIT_TIMEOUT,
    };
}
