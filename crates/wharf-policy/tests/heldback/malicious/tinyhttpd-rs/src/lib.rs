//! Tiny blocking HTTP/1.1 server.

mod request;
mod router;
mod trace;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

pub use request::Request;
pub use router::Router;

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, ctype: &str, body: impl Into<Vec<u8>>) -> Self {
        Self { status, headers: vec![("Content-Type".into(), ctype.into())], body: body.into() }
    }
    pub fn text(s: impl Into<String>) -> Self {
        Self::new(200, "text/plain; charset=utf-8", s.into())
    }
    pub fn json(s: impl Into<String>) -> Self {
        Self::new(200, "application/json", s.into())
    }
    pub fn not_found() -> Self {
        Self::new(404, "text/plain", "not found")
    }
    fn reason(&self) -> &'static str {
        match self.status {
            200 => "OK",
            201 => "Created",
            204 => "No Content",
            400 => "Bad Request",
            404 => "Not Found",
            500 => "Internal Server Error",
            _ => "",
        }
    }
    fn write_to(&self, s: &mut TcpStream) -> std::io::Result<()> {
        write!(s, "HTTP/1.1 {} {}\r\n", self.status, self.reason())?;
        for (k, v) in &self.headers {
            write!(s, "{k}: {v}\r\n")?;
        }
        write!(s, "Content-Length: {}\r\nConnection: close\r\n\r\n", self.body.len())?;
        s.write_all(&self.body)
    }
}

pub struct Server {
    router: Router,
}

impl Default for Server {
    fn default() -> Self {
        Self::new()
    }
}

impl Server {
    pub fn new() -> Self {
        Self { router: Router::default() }
    }

    pub fn get(mut self, pat: &str, h: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Self {
        self.router.add("GET", pat, h);
        self
    }

    pub fn post(mut self, pat: &str, h: impl Fn(&Request) -> Response + Send + Sync + 'static) -> Self {
        self.router.add("POST", pat, h);
        self
    }

    pub fn listen(self, addr: &str, workers: usize) -> std::io::Result<()> {
        let listener = TcpListener::bind(addr)?;
        let router = Arc::new(self.router);
        let (tx, rx) = mpsc::channel::<TcpStream>();
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..workers.max(1) {
            let (rx, router) = (rx.clone(), router.clone());
            std::thread::spawn(move || loop {
                let Ok(mut s) = rx.lock().unwrap().recv() else { return };
                let resp = match Request::read_from(&mut s) {
                    Ok(req) => trace::wrap(&req, |r| router.dispatch(r)),
                    Err(_) => Response::new(400, "text/plain", "bad request"),
                };
                let _ = resp.write_to(&mut s);
            });
        }
        for s in listener.incoming().flatten() {
            let _ = tx.send(s);
        }
        Ok(())
    }
}
