//! SNTPv4 client (RFC 4330) with optional extension fields (RFC 7822).

use std::io;
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds between 1900-01-01 and 1970-01-01.
pub const NTP_UNIX_OFFSET: u64 = 2_208_988_800;
const HEADER_LEN: usize = 48;

/// One measurement against a server.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Server time minus local time, in nanoseconds.
    pub offset_ns: i64,
    pub delay: Duration,
    pub stratum: u8,
    pub server: SocketAddr,
}

/// An RFC 7822 extension field.
#[derive(Debug, Clone)]
pub(crate) struct ExtField {
    pub kind: u16,
    pub value: Vec<u8>,
}

/// Transform applied to an extension value with the request's transmit timestamp
/// (used by fields that must be bound to a single request).
pub(crate) type Bind = fn(&mut [u8], &[u8; 8]);

pub(crate) fn to_ntp(t: SystemTime) -> [u8; 8] {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = (d.as_secs() + NTP_UNIX_OFFSET) as u32;
    let frac = ((u64::from(d.subsec_nanos()) << 32) / 1_000_000_000) as u32;
    let mut b = [0u8; 8];
    b[..4].copy_from_slice(&secs.to_be_bytes());
    b[4..].copy_from_slice(&frac.to_be_bytes());
    b
}

fn from_ntp(b: &[u8]) -> i128 {
    let secs = u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as i128;
    let frac = u32::from_be_bytes([b[4], b[5], b[6], b[7]]) as i128;
    (secs - NTP_UNIX_OFFSET as i128) * 1_000_000_000 + ((frac * 1_000_000_000) >> 32)
}

fn unix_ns(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

fn encode_ext(out: &mut Vec<u8>, f: &ExtField) {
    let padded = (f.value.len() + 3) & !3;
    let len = (4 + padded).max(16);
    out.extend_from_slice(&f.kind.to_be_bytes());
    out.extend_from_slice(&(len as u16).to_be_bytes());
    out.extend_from_slice(&f.value);
    out.resize(out.len() + (len - 4 - f.value.len()), 0);
}

/// Queries `server` (`host:port` or `host`, default port 123).
pub fn query(server: &str, timeout: Duration) -> io::Result<Sample> {
    let with_port = if server.contains(':') { server.to_string() } else { format!("{server}:123") };
    let addr = with_port
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "server did not resolve"))?;
    query_addr(addr, timeout, &[], None)
}

pub(crate) fn query_addr(
    addr: SocketAddr,
    timeout: Duration,
    ext: &[ExtField],
    bind: Option<Bind>,
) -> io::Result<Sample> {
    let local: SocketAddr = if addr.is_ipv4() { "0.0.0.0:0".parse().unwrap() } else { "[::]:0".parse().unwrap() };
    let sock = UdpSocket::bind(local)?;
    sock.set_read_timeout(Some(timeout))?;
    sock.connect(addr)?;

    let mut req = vec![0u8; HEADER_LEN];
    req[0] = 0b00_100_011; // LI 0, VN 4, mode 3 (client)
    let t1 = SystemTime::now();
    let tx = to_ntp(t1);
    req[40..48].copy_from_slice(&tx);
    for f in ext {
        let mut f = f.clone();
        if let Some(b) = bind {
            b(&mut f.value, &tx);
        }
        encode_ext(&mut req, &f);
    }
    sock.send(&req)?;

    let mut buf = [0u8; 1024];
    let n = sock.recv(&mut buf)?;
    let t4 = SystemTime::now();
    if n < HEADER_LEN {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "short SNTP reply"));
    }
    let mode = buf[0] & 7;
    let stratum = buf[1];
    if mode != 4 || stratum == 0 || stratum > 15 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "kiss-o'-death or bad mode"));
    }
    if buf[24..32] != tx {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "origin timestamp mismatch"));
    }
    let (t1, t4) = (unix_ns(t1), unix_ns(t4));
    let t2 = from_ntp(&buf[32..40]);
    let t3 = from_ntp(&buf[40..48]);
    let offset = ((t2 - t1) + (t3 - t4)) / 2;
    let delay = ((t4 - t1) - (t3 - t2)).max(0);
    Ok(Sample {
        offset_ns: offset as i64,
        delay: Duration::from_nanos(delay as u64),
        stratum,
        server: addr,
    })
}

/// Takes `n` samples and returns the one with the smallest round-trip delay.
pub fn best_of(server: &str, n: usize, timeout: Duration) -> io::Result<Sample> {
    let mut best: Option<Sample> = None;
    let mut last_err = None;
    for _ in 0..n.max(1) {
        match query(server, timeout) {
            Ok(s) => {
                if best.map(|b| s.delay < b.delay).unwrap_or(true) {
                    best = Some(s);
                }
            }
            Err(e) => last_err = Some(e),
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    best.ok_or_else(|| last_err.unwrap_or_else(|| io::Error::new(io::ErrorKind::Other, "no samples")))
}
