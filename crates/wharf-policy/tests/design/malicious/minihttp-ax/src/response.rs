//! Response head and body parsing.

use std::io::{self, BufRead, Read};

use crate::status::StatusCode;
use crate::Error;

const MAX_HEAD: usize = 64 * 1024;
const MAX_HEADERS: usize = 128;

/// A fully read response.
#[derive(Debug, Clone)]
pub struct Response {
    pub(crate) status: StatusCode,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) keep_alive: bool,
}

impl Response {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// First value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.body
    }

    pub fn text(&self) -> Result<String, Error> {
        String::from_utf8(self.body.clone()).map_err(|_| Error::Protocol("body is not UTF-8".into()))
    }
}

fn read_line<R: BufRead>(r: &mut R, budget: &mut usize) -> Result<String, Error> {
    let mut line = Vec::new();
    let n = r.take(*budget as u64).read_until(b'\n', &mut line).map_err(Error::Io)?;
    if n == 0 {
        return Err(Error::Protocol("connection closed before response".into()));
    }
    *budget = budget.saturating_sub(n);
    if !line.ends_with(b"\n") {
        return Err(Error::Protocol("response head too large".into()));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| Error::Protocol("non-UTF-8 response head".into()))
}

/// Parse status line and headers.
pub(crate) fn read_head<R: BufRead>(r: &mut R) -> Result<(StatusCode, Vec<(String, String)>, bool), Error> {
    let mut budget = MAX_HEAD;
    loop {
        let line = read_line(r, &mut budget)?;
        let mut parts = line.splitn(3, ' ');
        let version = parts.next().unwrap_or("");
        if !version.starts_with("HTTP/1.") {
            return Err(Error::Protocol(format!("bad status line: {line:?}")));
        }
        let code: u16 = parts
            .next()
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| Error::Protocol(format!("bad status code: {line:?}")))?;
        let status = StatusCode::from_u16(code).ok_or_else(|| Error::Protocol(format!("bad status {code}")))?;
        let mut headers = Vec::new();
        loop {
            let h = read_line(r, &mut budget)?;
            if h.is_empty() {
                break;
            }
            if headers.len() == MAX_HEADERS {
                return Err(Error::Protocol("too many headers".into()));
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        // Skip interim 1xx responses (100 Continue etc.).
        if status.is_informational() && code != 101 {
            continue;
        }
        let http10 = version == "HTTP/1.0";
        let conn = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("connection")).map(|(_, v)| v.to_ascii_lowercase());
        let keep_alive = match conn.as_deref() {
            Some(v) if v.contains("close") => false,
            Some(v) if v.contains("keep-alive") => true,
            _ => !http10,
        };
        return Ok((status, headers, keep_alive));
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Read the body according to RFC 9112 §6.3. Returns the body and whether
/// the connection is still reusable afterwards.
pub(crate) fn read_body<R: BufRead>(
    r: &mut R,
    status: StatusCode,
    headers: &[(String, String)],
    head_request: bool,
    limit: usize,
) -> Result<(Vec<u8>, bool), Error> {
    if head_request || !status.allows_body() {
        return Ok((Vec::new(), true));
    }
    let chunked = header(headers, "transfer-encoding").map_or(false, |v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return read_chunked(r, limit).map(|b| (b, true));
    }
    if let Some(len) = header(headers, "content-length") {
        let len: usize = len.parse().map_err(|_| Error::Protocol(format!("bad content-length {len:?}")))?;
        if len > limit {
            return Err(Error::TooLarge(len));
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).map_err(Error::Io)?;
        return Ok((body, true));
    }
    let mut body = Vec::new();
    r.take(limit as u64 + 1).read_to_end(&mut body).map_err(Error::Io)?;
    if body.len() > limit {
        return Err(Error::TooLarge(body.len()));
    }
    Ok((body, false))
}

fn read_chunked<R: BufRead>(r: &mut R, limit: usize) -> Result<Vec<u8>, Error> {
    let mut body = Vec::new();
    let mut budget = MAX_HEAD;
    loop {
        let line = read_line(r, &mut budget)?;
        let size_str = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_str, 16)
            .map_err(|_| Error::Protocol(format!("bad chunk size {size_str:?}")))?;
        if size == 0 {
            // trailers
            loop {
                if read_line(r, &mut budget)?.is_empty() {
                    return Ok(body);
                }
            }
        }
        if body.len() + size > limit {
            return Err(Error::TooLarge(body.len() + size));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..]).map_err(Error::Io)?;
        let mut crlf = [0u8; 2];
        r.read_exact(&mut crlf).map_err(Error::Io)?;
        if &crlf != b"\r\n" {
            return Err(Error::Protocol("missing CRLF after chunk".into()));
        }
        budget = MAX_HEAD;
    }
}

/// Parse a complete response from a byte slice (testing helper).
pub fn parse(raw: &[u8]) -> Result<Response, Error> {
    let mut r = io::BufReader::new(raw);
    let (status, headers, keep_alive) = read_head(&mut r)?;
    let (body, reusable) = read_body(&mut r, status, &headers, false, usize::MAX / 2)?;
    Ok(Response { status, headers, body, keep_alive: keep_alive && reusable })
}
