//! Buffered reading with a deadline, via poll(2).

use std::io::{self, Read, Write};
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

/// Something we can poll, read and write.
pub trait Stream: Read + Write {
    fn raw_fd(&self) -> RawFd;
}

pub(crate) enum Fill {
    Data,
    Eof,
    Timeout,
}

pub(crate) fn fill<S: Stream>(s: &mut S, buf: &mut Vec<u8>, deadline: Instant) -> io::Result<Fill> {
    let remaining = deadline.saturating_duration_since(Instant::now());
    if remaining == Duration::ZERO {
        return Ok(Fill::Timeout);
    }
    let mut pfd = libc::pollfd { fd: s.raw_fd(), events: libc::POLLIN, revents: 0 };
    let ms = remaining.as_millis().min(i32::MAX as u128) as i32;
    let rc = unsafe { libc::poll(&mut pfd, 1, ms) };
    if rc < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted { Ok(Fill::Data) } else { Err(e) };
    }
    if rc == 0 {
        return Ok(Fill::Timeout);
    }
    let mut chunk = [0u8; 4096];
    match s.read(&mut chunk)? {
        0 => Ok(Fill::Eof),
        n => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(Fill::Data)
        }
    }
}
