//! Transports. Only TCP is built in; implement [`Transport`] for anything
//! else (a test double, a TLS stream, an RTU-over-TCP tunnel).

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use crate::frame::{adu, Mbap};
use crate::pacing::Pacer;
use crate::Error;

/// Sends one request PDU and returns the response PDU.
pub trait Transport {
    /// One request/response exchange for `unit`.
    fn transact(&mut self, unit: u8, pdu: &[u8]) -> Result<Vec<u8>, Error>;
}

/// Modbus TCP (port 502) transport with automatic reconnect.
pub struct TcpTransport {
    addr: SocketAddr,
    stream: Option<TcpStream>,
    timeout: Duration,
    transaction: u16,
    pacer: Pacer,
}

impl TcpTransport {
    /// Connects lazily to `addr` (e.g. `"198.51.100.20:502"`).
    pub fn new(addr: impl ToSocketAddrs) -> io::Result<TcpTransport> {
        let addr = addr
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no address"))?;
        Ok(TcpTransport { addr, stream: None, timeout: Duration::from_secs(3), transaction: 0, pacer: Pacer::new(None) })
    }

    /// Response timeout (default 3 s).
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// The device sits behind a TCP->RTU gateway on a line of `baud`.
    pub fn behind_gateway(mut self, baud: u32) -> Self {
        self.pacer = Pacer::new(Some(baud));
        self
    }

    fn stream(&mut self) -> io::Result<&mut TcpStream> {
        if self.stream.is_none() {
            let s = TcpStream::connect_timeout(&self.addr, self.timeout)?;
            s.set_nodelay(true)?;
            s.set_read_timeout(Some(self.timeout))?;
            s.set_write_timeout(Some(self.timeout))?;
            self.stream = Some(s);
        }
        Ok(self.stream.as_mut().expect("just set"))
    }

    fn exchange(&mut self, unit: u8, pdu: &[u8]) -> io::Result<(Mbap, Vec<u8>)> {
        self.transaction = self.transaction.wrapping_add(1);
        let tid = self.transaction;
        let frame = adu(tid, unit, pdu);
        let s = self.stream()?;
        s.write_all(&frame)?;
        loop {
            let mut h = [0u8; 7];
            s.read_exact(&mut h)?;
            let head = Mbap::decode(&h);
            if head.length < 2 || head.length > 254 {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "bad MBAP length"));
            }
            let mut body = vec![0u8; head.length as usize - 1];
            s.read_exact(&mut body)?;
            if head.transaction == tid && head.protocol == 0 {
                return Ok((head, body));
            }
            // late answer to a timed-out earlier request: skip it
        }
    }
}

impl Transport for TcpTransport {
    fn transact(&mut self, unit: u8, pdu: &[u8]) -> Result<Vec<u8>, Error> {
        self.pacer.before_send();
        let res = self.exchange(unit, pdu);
        let out = match res {
            Ok((head, body)) => {
                if head.unit != unit {
                    Err(Error::Protocol(format!("answer from unit {} (asked {unit})", head.unit)))
                } else {
                    Ok(body)
                }
            }
            Err(e) => {
                self.stream = None;
                Err(Error::Io(e))
            }
        };
        let busy = matches!(&out, Ok(b) if b.first().map(|f| f & 0x80 != 0).unwrap_or(false) && b.get(1) == Some(&0x06));
        self.pacer.after_recv(busy);
        out
    }
}
