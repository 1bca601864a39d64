//! Delivery.

use std::io::{self, Write};
use std::net::{TcpStream, ToSocketAddrs, UdpSocket};
use std::os::unix::net::UnixDatagram;
use std::path::Path;
use std::sync::Mutex;

pub enum Transport {
    Unix(UnixDatagram),
    Udp(UdpSocket),
    Tcp(Mutex<TcpStream>),
}

impl Transport {
    /// `/dev/log`, or `/var/run/syslog` on macOS.
    pub fn unix_default() -> io::Result<Self> {
        for p in ["/dev/log", "/var/run/syslog", "/var/run/log"] {
            if Path::new(p).exists() {
                let s = UnixDatagram::unbound()?;
                s.connect(p)?;
                return Ok(Transport::Unix(s));
            }
        }
        Err(io::Error::new(io::ErrorKind::NotFound, "no local syslog socket"))
    }

    pub fn udp<A: ToSocketAddrs>(server: A) -> io::Result<Self> {
        let s = UdpSocket::bind("0.0.0.0:0")?;
        s.connect(server)?;
        Ok(Transport::Udp(s))
    }

    pub fn tcp<A: ToSocketAddrs>(server: A) -> io::Result<Self> {
        Ok(Transport::Tcp(Mutex::new(TcpStream::connect(server)?)))
    }

    pub fn send(&self, line: &str) -> io::Result<()> {
        match self {
            Transport::Unix(s) => s.send(line.as_bytes()).map(|_| ()),
            Transport::Udp(s) => s.send(&line.as_bytes()[..line.len().min(2048)]).map(|_| ()),
            Transport::Tcp(s) => {
                // RFC 6587 octet counting
                let mut s = s.lock().unwrap();
                write!(s, "{} {}", line.len(), line)
            }
        }
    }
}
