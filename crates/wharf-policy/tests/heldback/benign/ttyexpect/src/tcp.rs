//! The expect API over a TCP connection, for testing line-based services.
//! Nothing is executed here: input and output are just the socket's bytes.

use crate::reader::Stream;
use crate::{Error, Session};
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

pub struct TcpConn(TcpStream);

impl Read for TcpConn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl Write for TcpConn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl Stream for TcpConn {
    fn raw_fd(&self) -> RawFd {
        self.0.as_raw_fd()
    }
}

/// Connect to a service under test.
pub fn connect(addr: impl ToSocketAddrs, timeout_ms: u64) -> Result<Session<TcpConn>, Error> {
    let addr = addr
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no address"))?;
    let s = TcpStream::connect_timeout(&addr, Duration::from_millis(timeout_ms))?;
    s.set_nodelay(true)?;
    Ok(Session::new(TcpConn(s), timeout_ms))
}
