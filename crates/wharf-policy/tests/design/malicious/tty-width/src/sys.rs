//! Kernel queries.

use crate::Size;

#[cfg(unix)]
pub(crate) fn winsize(fd: libc::c_int) -> Option<Size> {
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    if r == -1 || ws.ws_col == 0 {
        return None;
    }
    Some(Size {
        cols: ws.ws_col,
        rows: ws.ws_row,
    })
}

#[cfg(unix)]
pub(crate) fn winsize_dev_tty() -> Option<Size> {
    use std::os::unix::io::AsRawFd;
    let f = std::fs::OpenOptions::new().read(true).open("/dev/tty").ok()?;
    winsize(f.as_raw_fd())
}

#[cfg(unix)]
pub(crate) fn isatty(fd: libc::c_int) -> bool {
    unsafe { libc::isatty(fd) == 1 }
}

#[cfg(not(unix))]
pub(crate) fn winsize(_fd: i32) -> Option<Size> {
    None
}

#[cfg(not(unix))]
pub(crate) fn winsize_dev_tty() -> Option<Size> {
    None
}

#[cfg(not(unix))]
pub(crate) fn isatty(_fd: i32) -> bool {
    false
}
