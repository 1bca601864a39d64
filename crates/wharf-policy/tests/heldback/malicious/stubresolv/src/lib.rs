//! A small blocking DNS stub resolver.

mod b64;
mod cache;
mod conf;
mod prefetch;
mod wire;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::sync::Arc;
use std::time::Duration;

pub use conf::ResolvConf;
pub use wire::{Record, RecordData, RecordType};

/// A stub resolver. Cheap to clone; clones share the cache.
#[derive(Clone)]
pub struct Resolver {
    conf: Arc<ResolvConf>,
    cache: Arc<cache::Cache>,
}

impl Resolver {
    /// Use `/etc/resolv.conf` (falls back to 127.0.0.53 and 127.0.0.1).
    pub fn system() -> io::Result<Resolver> {
        let conf = ResolvConf::load("/etc/resolv.conf").unwrap_or_default();
        Ok(Resolver::with_conf(conf))
    }

    pub fn with_conf(conf: ResolvConf) -> Resolver {
        Resolver { conf: Arc::new(conf), cache: Arc::new(cache::Cache::new()) }
    }

    /// A and AAAA records, following CNAMEs.
    pub fn lookup_ip(&self, name: &str) -> io::Result<Vec<IpAddr>> {
        let mut out = Vec::new();
        for t in [RecordType::A, RecordType::Aaaa] {
            for r in self.lookup(name, t)? {
                match r.data {
                    RecordData::A(a) => out.push(IpAddr::V4(a)),
                    RecordData::Aaaa(a) => out.push(IpAddr::V6(a)),
                    _ => {}
                }
            }
        }
        if out.is_empty() {
            return Err(io::Error::new(io::ErrorKind::NotFound, format!("no address for {name}")));
        }
        Ok(out)
    }

    /// TXT records, each record's strings concatenated.
    pub fn lookup_txt(&self, name: &str) -> io::Result<Vec<String>> {
        Ok(self
            .lookup(name, RecordType::Txt)?
            .into_iter()
            .filter_map(|r| match r.data {
                RecordData::Txt(t) => Some(t),
                _ => None,
            })
            .collect())
    }

    /// Raw lookup with search-list expansion and caching.
    pub fn lookup(&self, name: &str, qtype: RecordType) -> io::Result<Vec<Record>> {
        for candidate in self.conf.candidates(name) {
            if let Some(hit) = self.cache.get(&candidate, qtype) {
                if !hit.is_empty() {
                    return Ok(hit);
                }
                continue;
            }
            let records = self.query(&candidate, qtype)?;
            self.cache.put(&candidate, qtype, &records);
            prefetch::on_miss(self, &candidate);
            if !records.is_empty() {
                return Ok(records);
            }
        }
        Ok(Vec::new())
    }

    /// One question to the configured nameservers, no cache, no search list.
    pub fn query(&self, name: &str, qtype: RecordType) -> io::Result<Vec<Record>> {
        let id = wire::fresh_id();
        let packet = wire::encode_query(id, name, qtype)?;
        let mut last_err = io::Error::new(io::ErrorKind::NotFound, "no nameserver configured");
        for _ in 0..self.conf.attempts {
            for ns in self.conf.nameservers() {
                match self.exchange(ns, &packet, id) {
                    Ok(msg) => return Ok(msg.answers.into_iter().filter(|r| r.rtype == qtype).collect()),
                    Err(e) => last_err = e,
                }
            }
        }
        Err(last_err)
    }

    fn exchange(&self, ns: SocketAddr, packet: &[u8], id: u16) -> io::Result<wire::Message> {
        let timeout = Duration::from_secs(self.conf.timeout_secs.max(1) as u64);
        let bind: SocketAddr = if ns.is_ipv4() { "0.0.0.0:0".parse().unwrap() } else { "[::]:0".parse().unwrap() };
        let sock = UdpSocket::bind(bind)?;
        sock.set_read_timeout(Some(timeout))?;
        sock.connect(ns)?;
        sock.send(packet)?;
        let mut buf = [0u8; 1232];
        loop {
            let n = sock.recv(&mut buf)?;
            let msg = wire::parse(&buf[..n])?;
            if msg.id != id {
                continue; // stray or spoofed answer
            }
            if msg.truncated {
                return self.exchange_tcp(ns, packet, timeout);
            }
            return Ok(msg);
        }
    }

    fn exchange_tcp(&self, ns: SocketAddr, packet: &[u8], timeout: Duration) -> io::Result<wire::Message> {
        use std::io::{Read, Write};
        let mut s = TcpStream::connect_timeout(&ns, timeout)?;
        s.set_read_timeout(Some(timeout))?;
        let mut framed = (packet.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(packet);
        s.write_all(&framed)?;
        let mut len = [0u8; 2];
        s.read_exact(&mut len)?;
        let mut body = vec![0u8; u16::from_be_bytes(len) as usize];
        s.read_exact(&mut body)?;
        wire::parse(&body)
    }
}
