use crate::{Notification, Result};

#[cfg(target_os = "macos")]
mod macos;
#[cfg(windows)]
mod windows;
#[cfg(all(unix, not(target_os = "macos")))]
mod xdg;

#[cfg(target_os = "macos")]
pub(crate) use macos::show;
#[cfg(windows)]
pub(crate) use windows::show;
#[cfg(all(unix, not(target_os = "macos")))]
pub(crate) use xdg::show;

#[cfg(not(any(unix, windows)))]
pub(crate) fn show(_: &str, _: &str, _: &Notification) -> Result<()> {
    Err(crate::Error::Unsupported)
}

#[allow(dead_code)]
fn _assert_types(_: &Notification) -> Result<()> {
    Ok(())
}
