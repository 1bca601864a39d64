//! HTTP/1.1 message parsing and serialisation.

use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

/// Request method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// HEAD
    Head,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// PATCH
    Patch,
    /// Anything else.
    Other(String),
}

impl Method {
    fn parse(s: &str) -> Method {
        match s {
            "GET" => Method::Get,
            "HEAD" => Method::Head,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            "PATCH" => Method::Patch,
            o => Method::Other(o.to_owned()),
        }
    }

    /// Canonical upper-case spelling.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Patch => "PATCH",
            Method::Other(s) => s,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ordered header list with case-insensitive lookup.
#[derive(Debug, Clone, Default)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// First value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// All values of `name`, joined with ", " as RFC 9110 allows for list headers.
    pub fn get_joined(&self, name: &str) -> Option<String> {
        let vals: Vec<&str> = self
            .0
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        if vals.is_empty() {
            None
        } else {
            Some(vals.join(", "))
        }
    }

    /// Appends a header.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Replaces every `name` header with one value.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.0.push((name.to_owned(), value.into()));
    }

    /// Removes `name`.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    }

    /// Iterates in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    /// Method.
    pub method: Method,
    /// Decoded path (without query).
    pub path: String,
    /// Raw query string (without `?`).
    pub query: String,
    /// `HTTP/1.0` or `HTTP/1.1`.
    pub version: String,
    /// Headers.
    pub headers: Headers,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Peer address.
    pub remote: Option<SocketAddr>,
    /// Route parameters filled in by the router (`/users/:id`).
    pub params: Vec<(String, String)>,
    /// Trace context of this request's server span.
    pub trace: Option<crate::trace::TraceContext>,
}

impl Request {
    /// Route parameter by name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Query parameter by name (first occurrence, percent-decoded).
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (percent_decode(k) == name).then(|| percent_decode(v))
        })
    }

    /// Whether the connection should be kept open after this request.
    pub fn keep_alive(&self) -> bool {
        match self.headers.get("connection") {
            Some(c) if c.eq_ignore_ascii_case("close") => false,
            Some(c) if c.eq_ignore_ascii_case("keep-alive") => true,
            _ => self.version == "HTTP/1.1",
        }
    }
}

/// Parse failure, mapped to a status code by the server.
#[derive(Debug)]
pub enum ParseError {
    /// Peer closed before sending a request line.
    Closed,
    /// Malformed request (400).
    Bad(&'static str),
    /// Body larger than the configured limit (413).
    TooLarge,
    /// Chunked request bodies are not supported (411).
    LengthRequired,
    /// Socket error.
    Io(io::Error),
}

impl From<io::Error> for ParseError {
    fn from(e: io::Error) -> Self {
        ParseError::Io(e)
    }
}

const MAX_HEADER_BYTES: usize = 64 * 1024;
const MAX_HEADERS: usize = 100;

/// Reads one request from `r`.
pub fn read_request<R: BufRead>(r: &mut R, body_limit: usize) -> Result<Request, ParseError> {
    let mut line = String::new();
    let mut total = 0usize;
    loop {
        line.clear();
        let n = r.read_line(&mut line)?;
        if n == 0 {
            return Err(ParseError::Closed);
        }
        total += n;
        // RFC 9112 §2.2: ignore at least one empty line before the request line.
        if !line.trim_end().is_empty() {
            break;
        }
        if total > 8 {
            return Err(ParseError::Bad("leading garbage"));
        }
    }
    let mut parts = line.trim_end().splitn(3, ' ');
    let method = parts.next().filter(|m| !m.is_empty()).ok_or(ParseError::Bad("no method"))?;
    let target = parts.next().ok_or(ParseError::Bad("no target"))?;
    let version = parts.next().ok_or(ParseError::Bad("no version"))?;
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(ParseError::Bad("unsupported version"));
    }
    let (raw_path, query) = target.split_once('?').unwrap_or((target, ""));
    if !raw_path.starts_with('/') {
        return Err(ParseError::Bad("target must be origin-form"));
    }

    let mut headers = Headers::default();
    loop {
        line.clear();
        let n = r.read_line(&mut line)?;
        total += n;
        if n == 0 || total > MAX_HEADER_BYTES {
            return Err(ParseError::Bad("header section too large or truncated"));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').ok_or(ParseError::Bad("header without colon"))?;
        if k.is_empty() || k.bytes().any(|b| b <= b' ' || b >= 0x7F) {
            return Err(ParseError::Bad("invalid header name"));
        }
        headers.append(k, v.trim());
        if headers.0.len() > MAX_HEADERS {
            return Err(ParseError::Bad("too many headers"));
        }
    }

    if headers.get("transfer-encoding").is_some() {
        return Err(ParseError::LengthRequired);
    }
    let len = match headers.get("content-length") {
        Some(v) => v.parse::<usize>().map_err(|_| ParseError::Bad("bad content-length"))?,
        None => 0,
    };
    if len > body_limit {
        return Err(ParseError::TooLarge);
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;

    Ok(Request {
        method: Method::parse(method),
        path: percent_decode(raw_path),
        query: query.to_owned(),
        version: version.to_owned(),
        headers,
        body,
        remote: None,
        params: Vec::new(),
        trace: None,
    })
}

/// A response under construction.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers (Date, Content-Length and Connection are added on write).
    pub headers: Headers,
    /// Body.
    pub body: Vec<u8>,
}

impl Response {
    /// Empty response with `status`.
    pub fn new(status: u16) -> Self {
        Response { status, headers: Headers::default(), body: Vec::new() }
    }

    /// `text/plain` response.
    pub fn text(status: u16, body: impl Into<String>) -> Self {
        let mut r = Response::new(status);
        r.headers.set("Content-Type", "text/plain; charset=utf-8");
        r.body = body.into().into_bytes();
        r
    }

    /// `application/json` response from an already-serialised string.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        let mut r = Response::new(status);
        r.headers.set("Content-Type", "application/json");
        r.body = body.into().into_bytes();
        r
    }

    /// Redirect.
    pub fn redirect(status: u16, location: &str) -> Self {
        let mut r = Response::new(status);
        r.headers.set("Location", location);
        r
    }

    /// Builder-style header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.set(name, value);
        self
    }

    /// Serialises the response. `head_only` omits the body (HEAD).
    pub fn write_to<W: Write>(&self, w: &mut W, keep_alive: bool, head_only: bool) -> io::Result<()> {
        let mut out = Vec::with_capacity(256 + self.body.len());
        write!(out, "HTTP/1.1 {} {}\r\n", self.status, reason(self.status))?;
        write!(out, "Date: {}\r\n", http_date(SystemTime::now()))?;
        write!(out, "Server: quayhttp/{}\r\n", env!("CARGO_PKG_VERSION"))?;
        for (k, v) in self.headers.iter() {
            if k.eq_ignore_ascii_case("content-length") || k.eq_ignore_ascii_case("connection") {
                continue;
            }
            write!(out, "{k}: {v}\r\n")?;
        }
        write!(out, "Content-Length: {}\r\n", self.body.len())?;
        write!(out, "Connection: {}\r\n\r\n", if keep_alive { "keep-alive" } else { "close" })?;
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        w.write_all(&out)?;
        w.flush()
    }
}

/// Reason phrase for common status codes.
pub fn reason(code: u16) -> &'static str {
    match code {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// Percent-decodes `s` (invalid escapes are kept literally).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MO: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        WD[days.rem_euclid(7) as usize],
        d,
        MO[(m - 1) as usize],
        y,
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    )
}

/// Parses an IMF-fixdate back into seconds since the epoch.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let mut it = s.split_whitespace().skip(1);
    let d: i64 = it.next()?.parse().ok()?;
    let mon = it.next()?;
    let y: i64 = it.next()?.parse().ok()?;
    let hms: Vec<i64> = it.next()?.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    const MO: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let m = MO.iter().position(|x| *x == mon)? as i64 + 1;
    if hms.len() != 3 {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2])
}

// Howard Hinnant's civil calendar algorithms.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn parses_simple_get() {
        let raw = b"GET /a%20b?x=1 HTTP/1.1\r\nHost: example.com\r\nX-A: 1\r\n\r\n";
        let req = read_request(&mut &raw[..], 1024).unwrap();
        assert_eq!(req.method, Method::Get);
        assert_eq!(req.path, "/a b");
        assert_eq!(req.query_param("x").as_deref(), Some("1"));
        assert!(req.keep_alive());
    }

    #[test]
    fn body_limit() {
        let raw = b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789";
        assert!(matches!(read_request(&mut &raw[..], 4), Err(ParseError::TooLarge)));
    }

    #[test]
    fn dates_roundtrip() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        let s = http_date(t);
        assert_eq!(s, "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date(&s), Some(784_111_777));
    }
}
