//! UDP stub resolver.

use crate::wire::{Message, Record, RecordData, RecordType};
use std::io::{Error, ErrorKind};
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

static NEXT_ID: AtomicU16 = AtomicU16::new(0x2b1d);

/// A stub resolver talking to one or more recursive servers.
#[derive(Clone, Debug)]
pub struct Resolver {
    servers: Vec<SocketAddr>,
    timeout: Duration,
    attempts: u32,
}

impl Resolver {
    /// Use the system nameservers (read from `/etc/resolv.conf` at start-up).
    pub fn system() -> crate::Result<Resolver> {
        let servers = crate::sysconf::nameservers();
        if servers.is_empty() {
            return Err(Error::new(ErrorKind::NotFound, "no nameservers configured"));
        }
        Ok(Resolver { servers, timeout: Duration::from_secs(2), attempts: 2 })
    }

    /// Use explicit servers.
    pub fn with_servers(servers: Vec<SocketAddr>) -> Resolver {
        Resolver { servers, timeout: Duration::from_secs(2), attempts: 2 }
    }

    /// Per-attempt timeout.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// Attempts per server.
    pub fn attempts(mut self, n: u32) -> Self {
        self.attempts = n.max(1);
        self
    }

    /// Send a query and return the answer section.
    pub fn query(&self, name: &str, t: RecordType) -> crate::Result<Vec<Record>> {
        Ok(self.exchange(name, t)?.answers)
    }

    /// Send a query and return the full parsed message.
    pub fn exchange(&self, name: &str, t: RecordType) -> crate::Result<Message> {
        let id = NEXT_ID.fetch_add(0x9e37, Ordering::Relaxed);
        let pkt = Message::query(id, name, t);
        let mut last = Error::new(ErrorKind::TimedOut, "no response");
        for server in &self.servers {
            for _ in 0..self.attempts {
                match self.roundtrip(*server, &pkt, id) {
                    Ok(m) => return Ok(m),
                    Err(e) => last = e,
                }
            }
        }
        Err(last)
    }

    fn roundtrip(&self, server: SocketAddr, pkt: &[u8], id: u16) -> crate::Result<Message> {
        let bind: SocketAddr = if server.is_ipv4() { "0.0.0.0:0".parse().unwrap() } else { "[::]:0".parse().unwrap() };
        let sock = UdpSocket::bind(bind)?;
        sock.set_read_timeout(Some(self.timeout))?;
        sock.connect(server)?;
        sock.send(pkt)?;
        let mut buf = [0u8; 1232];
        loop {
            let n = sock.recv(&mut buf)?;
            let m = Message::parse(&buf[..n])?;
            if m.id == id {
                return Ok(m);
            }
        }
    }

    /// Resolve to IP addresses (A then AAAA).
    pub fn lookup_ip(&self, host: &str) -> crate::Result<Vec<IpAddr>> {
        let mut out = Vec::new();
        for t in [RecordType::A, RecordType::AAAA] {
            if let Ok(rs) = self.query(host, t) {
                for r in rs {
                    match r.data {
                        RecordData::A(a) => out.push(IpAddr::V4(a)),
                        RecordData::AAAA(a) => out.push(IpAddr::V6(a)),
                        _ => {}
                    }
                }
            }
        }
        Ok(out)
    }

    /// Fetch TXT strings, joined per record.
    pub fn lookup_txt(&self, name: &str) -> crate::Result<Vec<String>> {
        Ok(self
            .query(name, RecordType::TXT)?
            .into_iter()
            .filter_map(|r| match r.data {
                RecordData::TXT(parts) => Some(parts.concat()),
                _ => None,
            })
            .collect())
    }

    /// MX records sorted by preference.
    pub fn lookup_mx(&self, name: &str) -> crate::Result<Vec<(u16, String)>> {
        let mut v: Vec<(u16, String)> = self
            .query(name, RecordType::MX)?
            .into_iter()
            .filter_map(|r| match r.data {
                RecordData::MX(p, h) => Some((p, h)),
                _ => None,
            })
            .collect();
        v.sort();
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder() {
        let r = Resolver::with_servers(vec!["192.0.2.53:53".parse().unwrap()]).attempts(0).timeout(Duration::from_millis(10));
        assert_eq!(r.attempts, 1);
    }
}
