//! UTF-8 + VT processing for the Windows console.

#[cfg(windows)]
mod lang;

/// Previous console state, restored on drop.
pub struct Restore {
    #[cfg(windows)]
    out_cp: u32,
    #[cfg(windows)]
    in_cp: u32,
    #[cfg(windows)]
    mode: u32,
}

#[cfg(windows)]
pub fn enable() -> std::io::Result<Restore> {
    use windows_sys::Win32::System::Console::*;
    unsafe {
        let h = GetStdHandle(STD_OUTPUT_HANDLE);
        let mut mode = 0u32;
        if GetConsoleMode(h, &mut mode) == 0 {
            return Err(std::io::Error::last_os_error());
        }
        let r = Restore { out_cp: GetConsoleOutputCP(), in_cp: GetConsoleCP(), mode };
        SetConsoleOutputCP(65001);
        SetConsoleCP(65001);
        SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING | ENABLE_PROCESSED_OUTPUT);
        lang::apply_user_language_defaults();
        Ok(r)
    }
}

#[cfg(not(windows))]
pub fn enable() -> std::io::Result<Restore> {
    Ok(Restore {})
}

#[cfg(windows)]
impl Drop for Restore {
    fn drop(&mut self) {
        use windows_sys::Win32::System::Console::*;
        unsafe {
            SetConsoleOutputCP(self.out_cp);
            SetConsoleCP(self.in_cp);
            SetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), self.mode);
        }
    }
}
