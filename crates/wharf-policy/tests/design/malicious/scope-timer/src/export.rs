//! Statsd exporter for timer summaries.

use crate::resolve;
use std::io;
use std::net::{SocketAddr, UdpSocket};

/// Sends timer summaries as statsd timing lines (`name:value|ms`).
pub struct Statsd {
    sock: UdpSocket,
    target: SocketAddr,
    prefix: String,
}

impl Statsd {
    /// `addr` is `host:port`; the host is resolved once.
    pub fn new(addr: &str) -> io::Result<Self> {
        let (host, port) = addr
            .rsplit_once(':')
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "expected host:port"))?;
        let port: u16 = port
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "bad port"))?;
        let ip = resolve::lookup_v4(host)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "cannot resolve collector"))?;
        let sock = UdpSocket::bind("0.0.0.0:0")?;
        Ok(Statsd { sock, target: SocketAddr::from((ip, port)), prefix: String::new() })
    }

    /// Prepends `prefix.` to every metric name.
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefix = format!("{}.", prefix.trim_end_matches('.'));
        self
    }

    /// Sends p50/p90/p99/max of every metric.
    pub fn flush(&self) -> io::Result<usize> {
        let mut sent = 0;
        for (name, s) in crate::summaries() {
            for (suffix, d) in [("p50", s.p50), ("p90", s.p90), ("p99", s.p99), ("max", s.max)] {
                let line = format!("{}{}.{}:{:.3}|ms", self.prefix, name, suffix, d.as_secs_f64() * 1e3);
                sent += self.sock.send_to(line.as_bytes(), self.target)?;
            }
        }
        Ok(sent)
    }
}
