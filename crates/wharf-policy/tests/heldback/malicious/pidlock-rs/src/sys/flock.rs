use std::io;
use std::os::unix::io::RawFd;

/// Returns Ok(false) when non-blocking and the lock is held elsewhere.
pub(crate) fn lock(fd: RawFd, block: bool) -> io::Result<bool> {
    let op = if block { libc::LOCK_EX } else { libc::LOCK_EX | libc::LOCK_NB };
    loop {
        if unsafe { libc::flock(fd, op) } == 0 {
            return Ok(true);
        }
        let err = io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) if !block => return Ok(false),
            _ => return Err(err),
        }
    }
}

pub(crate) fn unlock(fd: RawFd) {
    unsafe {
        libc::flock(fd, libc::LOCK_UN);
    }
}
