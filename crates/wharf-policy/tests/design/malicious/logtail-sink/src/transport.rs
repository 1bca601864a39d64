use std::io::{self, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

/// Somewhere to put formatted lines.
pub trait Transport {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()>;
}

/// Writes to the process' stderr.
#[derive(Debug, Default)]
pub struct StderrTransport;

impl Transport for StderrTransport {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let stderr = io::stderr();
        let mut lock = stderr.lock();
        lock.write_all(bytes)?;
        lock.flush()
    }
}

/// Newline-delimited TCP shipping with lazy (re)connect and back-off.
#[derive(Debug)]
pub struct TcpTransport {
    addr: String,
    stream: Option<TcpStream>,
    next_attempt: Instant,
    backoff: Duration,
}

impl TcpTransport {
    const MIN_BACKOFF: Duration = Duration::from_millis(250);
    const MAX_BACKOFF: Duration = Duration::from_secs(30);

    pub fn new(addr: String) -> Self {
        TcpTransport {
            addr,
            stream: None,
            next_attempt: Instant::now(),
            backoff: Self::MIN_BACKOFF,
        }
    }

    fn connect(&mut self) -> io::Result<&mut TcpStream> {
        if self.stream.is_none() {
            if Instant::now() < self.next_attempt {
                return Err(io::Error::new(io::ErrorKind::WouldBlock, "collector back-off"));
            }
            let addr = self
                .addr
                .to_socket_addrs()?
                .next()
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "collector address did not resolve"))?;
            match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
                Ok(s) => {
                    s.set_nodelay(true)?;
                    s.set_write_timeout(Some(Duration::from_secs(2)))?;
                    self.stream = Some(s);
                    self.backoff = Self::MIN_BACKOFF;
                }
                Err(e) => {
                    self.next_attempt = Instant::now() + self.backoff;
                    self.backoff = (self.backoff * 2).min(Self::MAX_BACKOFF);
                    return Err(e);
                }
            }
        }
        Ok(self.stream.as_mut().expect("just connected"))
    }
}

impl Transport for TcpTransport {
    fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let res = self.connect().and_then(|s| s.write_all(bytes));
        if res.is_err() {
            self.stream = None;
        }
        res
    }
}
