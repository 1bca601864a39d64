#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(windows)]
mod windows;

use crate::Report;

pub(crate) fn check(r: &mut Report) {
    #[cfg(target_os = "linux")]
    linux::check(r);
    #[cfg(target_os = "macos")]
    macos::check(r);
    #[cfg(windows)]
    windows::check(r);
    #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
    let _ = r;
}
