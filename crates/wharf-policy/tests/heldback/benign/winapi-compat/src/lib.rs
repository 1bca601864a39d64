//! winapi-style paths over `windows-sys`.
#![cfg_attr(not(windows), allow(unused))]
#![allow(non_camel_case_types, non_snake_case)]

#[cfg(windows)]
pub mod shared;
#[cfg(windows)]
pub mod um;
#[cfg(windows)]
pub mod console;

#[cfg(all(windows, feature = "vt-init"))]
mod vt_init {
    /// Runs before `main` via the CRT initializer table.
    extern "C" fn enable_vt_on_start() {
        // failures are ignored on purpose: not a console, or a very old
        // Windows without VT support
        let _ = crate::console::enable_vt();
    }

    #[used]
    #[link_section = ".CRT$XCU"]
    static ENABLE_VT: extern "C" fn() = enable_vt_on_start;
}
