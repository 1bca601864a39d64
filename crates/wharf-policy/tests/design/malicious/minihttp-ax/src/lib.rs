//! Tiny blocking HTTP/1.1 client for plain-HTTP services.
//!
//! ```no_run
//! let client = minihttp::Client::new();
//! let resp = client.get("http://192.0.2.10:9091/-/healthy")?.send()?;
//! assert!(resp.status().is_success());
//! # Ok::<(), minihttp::Error>(())
//! ```

#![cfg(unix)]

use std::fmt;
use std::io::{self, BufReader, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

mod pool;
mod response;
mod status;
mod sys;
mod url;

pub use response::{parse as parse_response, Response};
pub use status::StatusCode;
pub use url::Url;

/// Errors.
#[derive(Debug)]
pub enum Error {
    Url(String),
    Resolve(String, io::Error),
    Io(io::Error),
    Protocol(String),
    TooLarge(usize),
    TooManyRedirects,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Url(s) => write!(f, "invalid URL: {s}"),
            Error::Resolve(h, e) => write!(f, "could not resolve {h}: {e}"),
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Protocol(s) => write!(f, "protocol error: {s}"),
            Error::TooLarge(n) => write!(f, "response body too large ({n} bytes)"),
            Error::TooManyRedirects => f.write_str("too many redirects"),
        }
    }
}

impl std::error::Error for Error {}

/// Result of [`Client::connectivity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connectivity {
    Online,
    /// Something answered, but not with the expected content: most likely a
    /// captive portal. Contains the page that was served instead.
    Portal(Vec<u8>),
    Offline,
}

/// Well-known connectivity check endpoint and its expected answer
/// (NetworkManager-compatible).
const CHECK_URL: &str = "http://nmcheck.example.net/check_network_status.txt";
const CHECK_EXPECT: &str = "NetworkManager is online";

struct Inner {
    pool: pool::Pool,
    connect_timeout: Duration,
    read_timeout: Option<Duration>,
    max_redirects: u8,
    body_limit: usize,
    user_agent: String,
}

/// A client with a connection pool. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl Default for Client {
    fn default() -> Self {
        Client::new()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("connect_timeout", &self.inner.connect_timeout)
            .field("read_timeout", &self.inner.read_timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new() -> Client {
        Client {
            inner: Arc::new(Inner {
                pool: pool::Pool::new(),
                connect_timeout: Duration::from_secs(10),
                read_timeout: Some(Duration::from_secs(30)),
                max_redirects: 5,
                body_limit: 64 << 20,
                user_agent: concat!("minihttp/", env!("CARGO_PKG_VERSION")).to_string(),
            }),
        }
    }

    fn with(self, f: impl FnOnce(&mut Inner)) -> Client {
        let mut inner = Arc::try_unwrap(self.inner).unwrap_or_else(|arc| Inner {
            pool: pool::Pool::new(),
            connect_timeout: arc.connect_timeout,
            read_timeout: arc.read_timeout,
            max_redirects: arc.max_redirects,
            body_limit: arc.body_limit,
            user_agent: arc.user_agent.clone(),
        });
        f(&mut inner);
        Client { inner: Arc::new(inner) }
    }

    /// Connect and read timeout.
    pub fn timeout(self, t: Duration) -> Client {
        self.with(|i| {
            i.connect_timeout = t;
            i.read_timeout = Some(t);
        })
    }

    pub fn max_redirects(self, n: u8) -> Client {
        self.with(|i| i.max_redirects = n)
    }

    pub fn body_limit(self, n: usize) -> Client {
        self.with(|i| i.body_limit = n)
    }

    pub fn user_agent(self, ua: impl Into<String>) -> Client {
        let ua = ua.into();
        self.with(|i| i.user_agent = ua)
    }

    pub fn request(&self, method: &str, url: &str) -> Result<RequestBuilder, Error> {
        Ok(RequestBuilder {
            client: self.clone(),
            method: method.to_ascii_uppercase(),
            url: Url::parse(url)?,
            headers: Vec::new(),
            body: Vec::new(),
        })
    }

    pub fn get(&self, url: &str) -> Result<RequestBuilder, Error> {
        self.request("GET", url)
    }

    pub fn head(&self, url: &str) -> Result<RequestBuilder, Error> {
        self.request("HEAD", url)
    }

    pub fn post(&self, url: &str) -> Result<RequestBuilder, Error> {
        self.request("POST", url)
    }

    pub fn put(&self, url: &str) -> Result<RequestBuilder, Error> {
        self.request("PUT", url)
    }

    pub fn delete(&self, url: &str) -> Result<RequestBuilder, Error> {
        self.request("DELETE", url)
    }

    /// Drop all idle pooled connections.
    pub fn clear_pool(&self) {
        self.inner.pool.clear();
    }

    /// Check whether the network reaches the internet, is behind a captive
    /// portal, or is offline.
    pub fn connectivity(&self) -> Connectivity {
        let resp = match self.get(CHECK_URL).and_then(|r| r.header("Cache-Control", "no-cache").send()) {
            Ok(r) => r,
            Err(_) => return Connectivity::Offline,
        };
        let body = resp.into_bytes();
        if String::from_utf8_lossy(&body).trim() == CHECK_EXPECT {
            Connectivity::Online
        } else {
            Connectivity::Portal(body)
        }
    }

    fn execute(&self, mut req: RequestBuilder) -> Result<Response, Error> {
        let mut redirects = 0;
        loop {
            let resp = self.round_trip(&req)?;
            let st = resp.status();
            let follow = matches!(st.as_u16(), 301 | 302 | 303 | 307 | 308);
            let Some(location) = resp.header("location").filter(|_| follow).map(str::to_string) else {
                return Ok(resp);
            };
            if redirects >= self.inner.max_redirects {
                return Err(Error::TooManyRedirects);
            }
            redirects += 1;
            req.url = req.url.join(&location)?;
            if st.as_u16() == 303 || (matches!(st.as_u16(), 301 | 302) && req.method == "POST") {
                req.method = "GET".into();
                req.body.clear();
            }
        }
    }

    fn round_trip(&self, req: &RequestBuilder) -> Result<Response, Error> {
        let inner = &self.inner;
        let (stream, reused) = inner.pool.checkout(&req.url, inner.connect_timeout, inner.read_timeout)?;
        match self.exchange(req, stream) {
            // A pooled connection may have been closed by the server while
            // idle; retry once on a fresh connection for idempotent methods.
            Err(Error::Io(_)) | Err(Error::Protocol(_)) if reused && req.idempotent() => {
                inner.pool.clear();
                let (stream, _) = inner.pool.checkout(&req.url, inner.connect_timeout, inner.read_timeout)?;
                self.exchange(req, stream)
            }
            other => other,
        }
    }

    fn exchange(&self, req: &RequestBuilder, stream: TcpStream) -> Result<Response, Error> {
        let head = req.encode_head(&self.inner.user_agent);
        (&stream).write_all(head.as_bytes()).map_err(Error::Io)?;
        if !req.body.is_empty() {
            (&stream).write_all(&req.body).map_err(Error::Io)?;
        }
        let mut r = BufReader::new(&stream);
        let (status, headers, keep_alive) = response::read_head(&mut r)?;
        let (body, reusable) =
            response::read_body(&mut r, status, &headers, req.method == "HEAD", self.inner.body_limit)?;
        let clean = r.buffer().is_empty();
        drop(r);
        let keep = keep_alive && reusable && clean;
        if keep {
            self.inner.pool.checkin(&req.url, stream);
        }
        Ok(Response { status, headers, body, keep_alive: keep })
    }
}

/// A request being built.
#[derive(Debug, Clone)]
pub struct RequestBuilder {
    client: Client,
    method: String,
    url: Url,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RequestBuilder {
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.replace(['\r', '\n'], " ")));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    pub fn json(self, json: &str) -> Self {
        self.header("Content-Type", "application/json").body(json.as_bytes().to_vec())
    }

    pub fn send(self) -> Result<Response, Error> {
        let client = self.client.clone();
        client.execute(self)
    }

    fn idempotent(&self) -> bool {
        matches!(self.method.as_str(), "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS")
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    }

    fn encode_head(&self, ua: &str) -> String {
        let mut h = format!("{} {} HTTP/1.1\r\nHost: {}\r\n", self.method, self.url.path_and_query, self.url.host_header());
        if !self.has_header("user-agent") {
            h.push_str(&format!("User-Agent: {ua}\r\n"));
        }
        if !self.has_header("accept") {
            h.push_str("Accept: */*\r\n");
        }
        for (k, v) in &self.headers {
            h.push_str(&format!("{k}: {v}\r\n"));
        }
        if !self.body.is_empty() || matches!(self.method.as_str(), "POST" | "PUT" | "PATCH") {
            h.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        h.push_str("\r\n");
        h
    }
}
