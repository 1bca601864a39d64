//! Just enough HTTP/1.1 over plain TCP to read response headers (and small bodies).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant, SystemTime};

const MAX_HEADER_BYTES: usize = 16 * 1024;
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Local wall-clock time just before the request was written.
    pub sent: SystemTime,
    /// Round-trip time from write to first response byte.
    pub rtt: Duration,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Target of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub path: String,
}

impl Target {
    /// Parse `host[:port][/path]` (an optional `http://` prefix is ignored).
    pub fn parse(s: &str) -> Option<Target> {
        let s = s.strip_prefix("http://").unwrap_or(s);
        let (hp, path) = match s.find('/') {
            Some(i) => (&s[..i], &s[i..]),
            None => (s, "/"),
        };
        let (host, port) = match hp.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h, p.parse().ok()?),
            _ => (hp, 80),
        };
        if host.is_empty() {
            return None;
        }
        Some(Target { host: host.to_owned(), port, path: path.to_owned() })
    }

    fn addr(&self) -> io::Result<SocketAddr> {
        (self.host.as_str(), self.port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address"))
    }
}

pub(crate) fn request(
    method: &str,
    target: &Target,
    extra_headers: &[(&str, &str)],
    timeout: Duration,
) -> io::Result<Response> {
    let addr = target.addr()?;
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.set_nodelay(true)?;

    let mut req = format!(
        "{method} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: httpskew/{}\r\nAccept: */*\r\nConnection: close\r\nCache-Control: no-cache\r\n",
        target.path,
        target.host,
        env!("CARGO_PKG_VERSION"),
    );
    for (k, v) in extra_headers {
        req.push_str(k);
        req.push_str(": ");
        req.push_str(v);
        req.push_str("\r\n");
    }
    req.push_str("\r\n");

    let sent = SystemTime::now();
    let start = Instant::now();
    stream.write_all(req.as_bytes())?;

    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let rtt = start.elapsed();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad status line"))?;

    let mut headers = Vec::new();
    let mut total = status_line.len();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        total += n;
        if n == 0 || total > MAX_HEADER_BYTES {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }

    let mut body = Vec::new();
    if method != "HEAD" {
        let limit = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(MAX_BODY_BYTES)
            .min(MAX_BODY_BYTES);
        reader.take(limit as u64).read_to_end(&mut body)?;
    }
    Ok(Response { status, headers, body, sent, rtt })
}

pub(crate) fn head(target: &Target, timeout: Duration) -> io::Result<Response> {
    request("HEAD", target, &[], timeout)
}

pub(crate) fn get(target: &Target, extra: &[(&str, &str)], timeout: Duration) -> io::Result<Response> {
    request("GET", target, extra, timeout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            Target::parse("www.example.org"),
            Some(Target { host: "www.example.org".into(), port: 80, path: "/".into() })
        );
        assert_eq!(
            Target::parse("http://192.0.2.1:8080/x?y"),
            Some(Target { host: "192.0.2.1".into(), port: 8080, path: "/x?y".into() })
        );
    }
}
