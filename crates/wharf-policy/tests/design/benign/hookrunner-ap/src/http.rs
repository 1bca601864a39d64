//! Just enough HTTP/1.1 for webhook deliveries.

use std::io::{self, BufRead, BufReader, Read, Write};

/// Largest accepted body.
pub const MAX_BODY: usize = 1 << 20;
const MAX_HEAD: usize = 16 * 1024;

/// A parsed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Method, upper-case.
    pub method: String,
    /// Path without query string.
    pub path: String,
    /// Headers with lower-cased names.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Request {
    /// First header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// Why a request could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Malformed request; answer 400.
    Bad(&'static str),
    /// Body over [`MAX_BODY`]; answer 413.
    TooLarge,
    /// Connection problem; just close.
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Read one request from `stream`.
pub fn read_request<R: Read>(stream: R) -> Result<Request, ReadError> {
    let mut r = BufReader::new(stream);
    let mut head_len = 0usize;
    let mut line = String::new();

    r.read_line(&mut line)?;
    head_len += line.len();
    let mut parts = line.trim_end().splitn(3, ' ');
    let method = parts.next().filter(|m| !m.is_empty()).ok_or(ReadError::Bad("empty request line"))?.to_ascii_uppercase();
    let target = parts.next().ok_or(ReadError::Bad("no request target"))?;
    let version = parts.next().ok_or(ReadError::Bad("no HTTP version"))?;
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Bad("unsupported HTTP version"));
    }
    let path = target.split('?').next().unwrap_or("").to_string();

    let mut headers = Vec::new();
    loop {
        line.clear();
        let n = r.read_line(&mut line)?;
        if n == 0 {
            return Err(ReadError::Bad("connection closed in headers"));
        }
        head_len += n;
        if head_len > MAX_HEAD {
            return Err(ReadError::Bad("headers too large"));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').ok_or(ReadError::Bad("malformed header"))?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }

    let req_headers = Request { method, path, headers, body: Vec::new() };
    if req_headers.header("transfer-encoding").is_some() {
        return Err(ReadError::Bad("chunked bodies are not supported"));
    }
    let len: usize = match req_headers.header("content-length") {
        Some(v) => v.parse().map_err(|_| ReadError::Bad("bad content-length"))?,
        None => 0,
    };
    if len > MAX_BODY {
        return Err(ReadError::TooLarge);
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(Request { body, ..req_headers })
}

/// Write a small plain-text response and close.
pub fn respond<W: Write>(mut w: W, status: u16, text: &str) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        _ => "Internal Server Error",
    };
    write!(
        w,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_post() {
        let raw = b"POST /hooks/x?y=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nX-Test: v\r\n\r\nabc";
        let r = read_request(&raw[..]).unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/hooks/x");
        assert_eq!(r.header("x-test"), Some("v"));
        assert_eq!(r.body, b"abc");
    }

    #[test]
    fn too_large() {
        let raw = format!("POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n", MAX_BODY + 1);
        assert!(matches!(read_request(raw.as_bytes()), Err(ReadError::TooLarge)));
    }
}
