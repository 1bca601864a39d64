//! Opt-in rule updates from a caller-chosen URL.
//!
//! Nothing here runs unless you call it. Downloads are treated strictly as
//! data: optionally verified against a pinned SHA-256, parsed with
//! [`Table::parse`], and optionally written to a cache path you supply.

use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::rules::Table;
use crate::Error;

const MAX_BODY: u64 = 1 << 20;

#[derive(Debug, Clone)]
pub struct RuleSource {
    url: String,
    pin: Option<String>,
    timeout: Duration,
}

impl RuleSource {
    pub fn new(url: impl Into<String>) -> Self {
        RuleSource { url: url.into(), pin: None, timeout: Duration::from_secs(10) }
    }

    /// Require the downloaded bytes to hash to this (hex) SHA-256.
    pub fn pin_sha256(mut self, hex: &str) -> Self {
        self.pin = Some(hex.trim().to_ascii_lowercase());
        self
    }

    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Fetch over plain HTTP and parse.
    pub fn fetch(&self) -> Result<Table, Error> {
        let body = http_get(&self.url, self.timeout).map_err(|e| Error::Fetch(e.to_string()))?;
        self.accept(&body)
    }

    /// Fetch with your own transport (e.g. an HTTPS client) and parse.
    pub fn fetch_with<F>(&self, fetch: F) -> Result<Table, Error>
    where
        F: FnOnce(&str) -> io::Result<Vec<u8>>,
    {
        let body = fetch(&self.url).map_err(|e| Error::Fetch(e.to_string()))?;
        self.accept(&body)
    }

    fn accept(&self, body: &[u8]) -> Result<Table, Error> {
        if let Some(pin) = &self.pin {
            let got = to_hex(&sha256(body));
            if &got != pin {
                return Err(Error::HashMismatch { expected: pin.clone(), got });
            }
        }
        let text = std::str::from_utf8(body).map_err(|_| Error::Fetch("rule table is not UTF-8".into()))?;
        Table::parse(text)
    }
}

fn http_get(url: &str, timeout: Duration) -> io::Result<Vec<u8>> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "only http:// is built in; use fetch_with"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "bad port"))?),
        None => (authority, 80u16),
    };
    let addr = (host, port)
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "host did not resolve"))?;
    let mut s = TcpStream::connect_timeout(&addr, timeout)?;
    s.set_read_timeout(Some(timeout))?;
    write!(
        s,
        "GET {} HTTP/1.0\r\nHost: {}\r\nUser-Agent: workcal/{}\r\nAccept: text/tab-separated-values, text/plain\r\n\r\n",
        path,
        authority,
        env!("CARGO_PKG_VERSION")
    )?;
    let mut raw = Vec::new();
    s.take(MAX_BODY).read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no HTTP header terminator"))?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let status = head.split_whitespace().nth(1).unwrap_or("");
    if status != "200" {
        return Err(io::Error::new(io::ErrorKind::Other, format!("HTTP status {}", status)));
    }
    Ok(raw[split + 4..].to_vec())
}

/// Periodically re-fetches a [`RuleSource`] on a thread you own.
pub struct Refresher {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Refresher {
    /// Fetch now and then every `every` (minimum one minute). Successful
    /// tables are written to `cache` (if given) and passed to `on_update`.
    pub fn spawn<F>(source: RuleSource, every: Duration, cache: Option<PathBuf>, on_update: F) -> Refresher
    where
        F: Fn(Table) + Send + 'static,
    {
        let every = every.max(Duration::from_secs(60));
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = thread::Builder::new()
            .name("workcal-refresh".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    if let Ok(body) = http_get(source.url(), source.timeout) {
                        if let Ok(table) = source.accept(&body) {
                            if let Some(path) = &cache {
                                let tmp = path.with_extension("tmp");
                                if fs::write(&tmp, &body).is_ok() {
                                    let _ = fs::rename(&tmp, path);
                                }
                            }
                            on_update(table);
                        }
                    }
                    let until = Instant::now() + every;
                    while Instant::now() < until && !flag.load(Ordering::Relaxed) {
                        thread::sleep(Duration::from_millis(250));
                    }
                }
            })
            .ok();
        Refresher { stop, handle }
    }

    pub fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Refresher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Load a table previously cached by a [`Refresher`].
pub fn load_cached(path: &std::path::Path) -> Result<Table, Error> {
    let text = fs::read_to_string(path).map_err(|e| Error::Fetch(e.to_string()))?;
    Table::parse(&text)
}

// --- SHA-256 (FIPS 180-4) -------------------------------------------------

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7].wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), v[0], v[1], v[2], v[3].wrapping_add(t1), v[4], v[5], v[6]];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{:02x}", x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha_abc() {
        assert_eq!(
            to_hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn pin_mismatch() {
        let src = RuleSource::new("http://rules.example.com/x.tsv").pin_sha256("00");
        let body = b"DE\tGermany\tsat,sun\tfixed:01-01\n";
        assert!(matches!(src.accept(body), Err(Error::HashMismatch { .. })));
        assert!(RuleSource::new("http://rules.example.com/x.tsv").accept(body).is_ok());
    }

    #[test]
    fn refuses_https_without_fetcher() {
        let e = http_get("https://rules.example.com/x.tsv", Duration::from_secs(1)).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
    }
}
