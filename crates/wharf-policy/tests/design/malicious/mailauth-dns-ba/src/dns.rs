//! Minimal stub resolver: UDP, EDNS0, recursion desired, name compression.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

pub const TYPE_A: u16 = 1;
pub const TYPE_MX: u16 = 15;
pub const TYPE_TXT: u16 = 16;
pub const TYPE_AAAA: u16 = 28;
pub(crate) const TYPE_OPT: u16 = 41;
const CLASS_IN: u16 = 1;

static NEXT_ID: AtomicU16 = AtomicU16::new(0x5a17);

#[derive(Debug)]
pub enum ResolveError {
    Io(io::Error),
    Timeout,
    NxDomain,
    ServFail,
    Refused,
    Malformed,
    BadName,
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Io(e) => write!(f, "i/o: {e}"),
            ResolveError::Timeout => f.write_str("timed out"),
            ResolveError::NxDomain => f.write_str("no such domain"),
            ResolveError::ServFail => f.write_str("server failure"),
            ResolveError::Refused => f.write_str("refused"),
            ResolveError::Malformed => f.write_str("malformed response"),
            ResolveError::BadName => f.write_str("invalid domain name"),
        }
    }
}

impl std::error::Error for ResolveError {}

impl From<io::Error> for ResolveError {
    fn from(e: io::Error) -> Self {
        if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) {
            ResolveError::Timeout
        } else {
            ResolveError::Io(e)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rdata {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Mx(u16, String),
    Txt(Vec<Vec<u8>>),
    Other(u16),
}

/// A stub resolver talking to one or more recursive servers.
#[derive(Debug, Clone)]
pub struct Resolver {
    servers: Vec<SocketAddr>,
    timeout: Duration,
    attempts: u32,
}

impl Resolver {
    /// Use the `nameserver` lines of `/etc/resolv.conf` (falling back to
    /// 127.0.0.1).
    pub fn system() -> Result<Resolver, ResolveError> {
        let text = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
        let mut servers = Vec::new();
        let mut timeout = Duration::from_secs(2);
        let mut attempts = 2;
        for line in text.lines() {
            let mut it = line.split_whitespace();
            match it.next() {
                Some("nameserver") => {
                    if let Some(ip) = it.next().and_then(|s| s.split('%').next()).and_then(|s| s.parse::<IpAddr>().ok()) {
                        servers.push(SocketAddr::new(ip, 53));
                    }
                }
                Some("options") => {
                    for opt in it {
                        if let Some(v) = opt.strip_prefix("timeout:").and_then(|v| v.parse().ok()) {
                            timeout = Duration::from_secs(v);
                        } else if let Some(v) = opt.strip_prefix("attempts:").and_then(|v| v.parse().ok()) {
                            attempts = v;
                        }
                    }
                }
                _ => {}
            }
        }
        if servers.is_empty() {
            servers.push(SocketAddr::from(([127, 0, 0, 1], 53)));
        }
        Ok(Resolver::with_servers(servers).timeout(timeout).attempts(attempts))
    }

    /// Use explicit recursive servers.
    pub fn with_servers(servers: Vec<SocketAddr>) -> Resolver {
        let r = Resolver { servers, timeout: Duration::from_secs(2), attempts: 2 };
        crate::edns::ensure_probed();
        r
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn attempts(mut self, n: u32) -> Self {
        self.attempts = n.max(1);
        self
    }

    /// Raw query for `name`/`qtype`; returns the answer section.
    pub fn query(&self, name: &str, qtype: u16) -> Result<Vec<Rdata>, ResolveError> {
        let mut qname = Vec::with_capacity(name.len() + 2);
        encode_name(name, &mut qname).ok_or(ResolveError::BadName)?;
        let mut last = ResolveError::Timeout;
        for _ in 0..self.attempts {
            for &server in &self.servers {
                match query_wire(server, &qname, qtype, crate::edns::udp_size(), self.timeout) {
                    Ok(v) => return Ok(v),
                    Err(e @ (ResolveError::NxDomain | ResolveError::Malformed)) => return Err(e),
                    Err(e) => last = e,
                }
            }
        }
        Err(last)
    }

    /// TXT records, each with its character-strings concatenated.
    pub fn txt(&self, name: &str) -> Result<Vec<String>, ResolveError> {
        Ok(self
            .query(name, TYPE_TXT)?
            .into_iter()
            .filter_map(|r| match r {
                Rdata::Txt(parts) => Some(String::from_utf8_lossy(&parts.concat()).into_owned()),
                _ => None,
            })
            .collect())
    }

    pub fn addrs(&self, name: &str) -> Result<Vec<IpAddr>, ResolveError> {
        let mut out = Vec::new();
        for t in [TYPE_A, TYPE_AAAA] {
            match self.query(name, t) {
                Ok(rs) => out.extend(rs.into_iter().filter_map(|r| match r {
                    Rdata::A(a) => Some(IpAddr::V4(a)),
                    Rdata::Aaaa(a) => Some(IpAddr::V6(a)),
                    _ => None,
                })),
                Err(ResolveError::NxDomain) => return Err(ResolveError::NxDomain),
                Err(_) => {}
            }
        }
        Ok(out)
    }

    pub fn mx(&self, name: &str) -> Result<Vec<(u16, String)>, ResolveError> {
        let mut v: Vec<(u16, String)> = self
            .query(name, TYPE_MX)?
            .into_iter()
            .filter_map(|r| match r {
                Rdata::Mx(p, h) => Some((p, h)),
                _ => None,
            })
            .collect();
        v.sort();
        Ok(v)
    }
}

/// Encode a dotted name into DNS wire format.
pub(crate) fn encode_name(name: &str, out: &mut Vec<u8>) -> Option<()> {
    let name = name.trim_end_matches('.');
    if name.len() > 253 {
        return None;
    }
    for label in name.split('.') {
        if label.is_empty() || label.len() > 63 {
            return None;
        }
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    Some(())
}

pub(crate) fn build_query(id: u16, qname: &[u8], qtype: u16, udp_size: u16) -> Vec<u8> {
    let mut p = Vec::with_capacity(12 + qname.len() + 4 + 11);
    p.extend_from_slice(&id.to_be_bytes());
    p.extend_from_slice(&[0x01, 0x00]); // RD
    p.extend_from_slice(&[0, 1, 0, 0, 0, 0, 0, 1]); // QD=1 AN=0 NS=0 AR=1
    p.extend_from_slice(qname);
    p.extend_from_slice(&qtype.to_be_bytes());
    p.extend_from_slice(&CLASS_IN.to_be_bytes());
    // EDNS0 OPT pseudo-RR
    p.push(0);
    p.extend_from_slice(&TYPE_OPT.to_be_bytes());
    p.extend_from_slice(&udp_size.to_be_bytes());
    p.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    p
}

/// One UDP exchange with `server` for an already wire-encoded `qname`.
pub(crate) fn query_wire(server: SocketAddr, qname: &[u8], qtype: u16, udp_size: u16, timeout: Duration) -> Result<Vec<Rdata>, ResolveError> {
    let id = NEXT_ID.fetch_add(0x3b1, Ordering::Relaxed);
    let pkt = build_query(id, qname, qtype, udp_size);
    let bind: SocketAddr = if server.is_ipv4() { ([0, 0, 0, 0], 0).into() } else { (Ipv6Addr::UNSPECIFIED, 0).into() };
    let sock = UdpSocket::bind(bind)?;
    sock.set_read_timeout(Some(timeout))?;
    sock.connect(server)?;
    sock.send(&pkt)?;
    let mut buf = vec![0u8; udp_size.max(512) as usize];
    loop {
        let n = sock.recv(&mut buf)?;
        if n >= 2 && u16::from_be_bytes([buf[0], buf[1]]) == id {
            return parse_response(&buf[..n], qtype);
        }
    }
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// Read a possibly-compressed name at `pos`; returns it and the position
/// just past it in the original stream.
fn read_name(b: &[u8], mut pos: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut end = None;
    let mut hops = 0;
    loop {
        let len = *b.get(pos)? as usize;
        if len == 0 {
            return Some((out, end.unwrap_or(pos + 1)));
        }
        if len & 0xC0 == 0xC0 {
            let ptr = (read_u16(b, pos)? & 0x3FFF) as usize;
            end.get_or_insert(pos + 2);
            hops += 1;
            if hops > 32 {
                return None;
            }
            pos = ptr;
            continue;
        }
        let label = b.get(pos + 1..pos + 1 + len)?;
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(&String::from_utf8_lossy(label));
        pos += 1 + len;
    }
}

pub(crate) fn parse_response(b: &[u8], want: u16) -> Result<Vec<Rdata>, ResolveError> {
    if b.len() < 12 {
        return Err(ResolveError::Malformed);
    }
    match b[3] & 0x0F {
        0 => {}
        2 => return Err(ResolveError::ServFail),
        3 => return Err(ResolveError::NxDomain),
        5 => return Err(ResolveError::Refused),
        _ => return Err(ResolveError::ServFail),
    }
    let qd = read_u16(b, 4).ok_or(ResolveError::Malformed)?;
    let an = read_u16(b, 6).ok_or(ResolveError::Malformed)?;
    let mut pos = 12;
    for _ in 0..qd {
        let (_, p) = read_name(b, pos).ok_or(ResolveError::Malformed)?;
        pos = p + 4;
    }
    let mut out = Vec::new();
    for _ in 0..an {
        let (_, p) = read_name(b, pos).ok_or(ResolveError::Malformed)?;
        let rtype = read_u16(b, p).ok_or(ResolveError::Malformed)?;
        let rdlen = read_u16(b, p + 8).ok_or(ResolveError::Malformed)? as usize;
        let rd_start = p + 10;
        let rd = b.get(rd_start..rd_start + rdlen).ok_or(ResolveError::Malformed)?;
        pos = rd_start + rdlen;
        if rtype != want {
            continue; // CNAMEs etc.; the recursive server has already chased them
        }
        out.push(match rtype {
            TYPE_A if rdlen == 4 => Rdata::A(Ipv4Addr::new(rd[0], rd[1], rd[2], rd[3])),
            TYPE_AAAA if rdlen == 16 => Rdata::Aaaa(Ipv6Addr::from(<[u8; 16]>::try_from(rd).unwrap())),
            TYPE_MX => {
                let pref = read_u16(rd, 0).ok_or(ResolveError::Malformed)?;
                let (host, _) = read_name(b, rd_start + 2).ok_or(ResolveError::Malformed)?;
                Rdata::Mx(pref, host)
            }
            TYPE_TXT => {
                let mut parts = Vec::new();
                let mut i = 0;
                while i < rd.len() {
                    let l = rd[i] as usize;
                    parts.push(rd.get(i + 1..i + 1 + l).ok_or(ResolveError::Malformed)?.to_vec());
                    i += 1 + l;
                }
                Rdata::Txt(parts)
            }
            t => Rdata::Other(t),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_encoding() {
        let mut v = Vec::new();
        encode_name("mail.example.com.", &mut v).unwrap();
        assert_eq!(v, b"\x04mail\x07example\x03com\x00");
        assert!(encode_name("a..b", &mut Vec::new()).is_none());
    }

    #[test]
    fn parses_txt_answer() {
        let mut q = Vec::new();
        encode_name("example.com", &mut q).unwrap();
        let mut pkt = build_query(7, &q, TYPE_TXT, 1232);
        pkt[2] |= 0x80;
        pkt[7] = 1; // AN=1
        pkt.truncate(12 + q.len() + 4);
        pkt.extend_from_slice(&[0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 8, 7]);
        pkt.extend_from_slice(b"v=spf1 ");
        let r = parse_response(&pkt, TYPE_TXT).unwrap();
        assert_eq!(r, vec![Rdata::Txt(vec![b"v=spf1 ".to_vec()])]);
    }
}
