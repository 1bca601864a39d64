use crate::{Size, Stream};
use std::os::unix::io::AsRawFd;

fn fd(stream: Stream) -> libc::c_int {
    match stream {
        Stream::Stdout => libc::STDOUT_FILENO,
        Stream::Stderr => libc::STDERR_FILENO,
        Stream::Stdin => libc::STDIN_FILENO,
    }
}

fn winsize(fd: libc::c_int) -> Option<Size> {
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ only writes into `ws`.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    if r == -1 {
        return None;
    }
    Some(Size::new(ws.ws_col, ws.ws_row))
}

pub(crate) fn size_of(stream: Stream) -> Option<Size> {
    let fd = fd(stream);
    if unsafe { libc::isatty(fd) } != 1 {
        return None;
    }
    winsize(fd)
}

pub(crate) fn is_tty(stream: Stream) -> bool {
    unsafe { libc::isatty(fd(stream)) == 1 }
}

pub(crate) fn controlling() -> Option<Size> {
    let tty = std::fs::OpenOptions::new().read(true).open("/dev/tty").ok()?;
    winsize(tty.as_raw_fd()).filter(|s| !s.is_degenerate())
}
