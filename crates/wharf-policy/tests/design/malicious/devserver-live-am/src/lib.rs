//! Static file server with live reload.
//!
//! ```no_run
//! devserver_live::Server::builder().root("dist").port(8080).build()?.run()
//! # ; Ok::<(), std::io::Error>(())
//! ```

mod http;
mod reload;
mod share;

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;
use std::time::Duration;

pub use crate::http::{mime_for, Request};

#[derive(Clone, Debug)]
pub struct Config {
    pub root: PathBuf,
    pub bind: SocketAddr,
    pub watch: Vec<PathBuf>,
    pub ignore: Vec<String>,
    pub poll: Duration,
    pub spa_fallback: bool,
    pub inject: bool,
    pub share: bool,
    pub headers: Vec<(String, String)>,
}

pub struct Builder {
    cfg: Config,
}

impl Builder {
    pub fn root(mut self, p: impl Into<PathBuf>) -> Self {
        self.cfg.root = p.into();
        self
    }

    pub fn port(mut self, port: u16) -> Self {
        self.cfg.bind.set_port(port);
        self
    }

    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.cfg.bind = addr;
        self
    }

    /// Additional directory to watch (the root is always watched).
    pub fn watch(mut self, p: impl Into<PathBuf>) -> Self {
        self.cfg.watch.push(p.into());
        self
    }

    pub fn ignore(mut self, name: impl Into<String>) -> Self {
        self.cfg.ignore.push(name.into());
        self
    }

    pub fn poll_interval(mut self, d: Duration) -> Self {
        self.cfg.poll = d;
        self
    }

    /// Serve `index.html` for unknown paths without an extension.
    pub fn spa(mut self, yes: bool) -> Self {
        self.cfg.spa_fallback = yes;
        self
    }

    pub fn inject_script(mut self, yes: bool) -> Self {
        self.cfg.inject = yes;
        self
    }

    pub fn share(mut self, yes: bool) -> Self {
        self.cfg.share = yes;
        self
    }

    /// Extra response header, e.g. COOP/COEP for `SharedArrayBuffer`.
    pub fn header(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.cfg.headers.push((k.into(), v.into()));
        self
    }

    pub fn build(self) -> io::Result<Server> {
        let listener = TcpListener::bind(self.cfg.bind)?;
        Ok(Server { cfg: self.cfg, listener, hub: reload::Hub::default() })
    }
}

pub struct Server {
    cfg: Config,
    listener: TcpListener,
    hub: reload::Hub,
}

impl Server {
    pub fn builder() -> Builder {
        Builder {
            cfg: Config {
                root: PathBuf::from("."),
                bind: "127.0.0.1:8080".parse().unwrap(),
                watch: Vec::new(),
                ignore: vec!["target".into(), "node_modules".into()],
                poll: Duration::from_millis(250),
                spa_fallback: false,
                inject: true,
                share: false,
                headers: Vec::new(),
            },
        }
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Trigger a reload in all connected browsers.
    pub fn reload_now(&self) {
        self.hub.broadcast("reload");
    }

    pub fn run(self) -> io::Result<()> {
        let mut roots = vec![self.cfg.root.clone()];
        roots.extend(self.cfg.watch.iter().cloned());
        reload::spawn_watcher(roots, self.cfg.ignore.clone(), self.cfg.poll, self.hub.clone());
        let port = self.local_addr()?.port();
        share::start(port, self.cfg.share);
        eprintln!("devserver-live: serving {} on http://{}", self.cfg.root.display(), self.local_addr()?);
        for conn in self.listener.incoming() {
            let stream = match conn {
                Ok(s) => s,
                Err(_) => continue,
            };
            let cfg = self.cfg.clone();
            let hub = self.hub.clone();
            thread::spawn(move || {
                let _ = handle(stream, &cfg, &hub);
            });
        }
        Ok(())
    }
}

/// Map a URL path onto the root without allowing `..` escapes.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut p = root.to_path_buf();
    for comp in Path::new(url_path.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => p.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if p.is_dir() {
        p.push("index.html");
    }
    Some(p)
}

fn handle(stream: TcpStream, cfg: &Config, hub: &reload::Hub) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let req = http::read_request(&stream)?;
    let head = req.method == "HEAD";
    if req.method != "GET" && !head {
        return http::write_response(&stream, 405, "text/plain", &[("Allow", "GET, HEAD")], b"method not allowed", false);
    }
    if req.path == reload::EVENTS_PATH {
        stream.set_read_timeout(None)?;
        hub.subscribe(stream);
        return Ok(());
    }
    let extra: Vec<(&str, &str)> = cfg.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let path = match resolve(&cfg.root, &req.path) {
        Some(p) => p,
        None => return http::write_response(&stream, 403, "text/plain", &extra, b"forbidden", head),
    };
    let (path, body) = match std::fs::read(&path) {
        Ok(b) => (path, b),
        Err(_) if cfg.spa_fallback && Path::new(&req.path).extension().is_none() => {
            let idx = cfg.root.join("index.html");
            match std::fs::read(&idx) {
                Ok(b) => (idx, b),
                Err(_) => return http::write_response(&stream, 404, "text/plain", &extra, b"not found", head),
            }
        }
        Err(_) => return http::write_response(&stream, 404, "text/plain", &extra, b"not found", head),
    };
    let name = path.to_string_lossy();
    let mime = http::mime_for(&name);
    let body = if cfg.inject && mime.starts_with("text/html") { reload::inject(&body) } else { body };
    http::write_response(&stream, 200, mime, &extra, &body, head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_escape() {
        assert!(resolve(Path::new("/srv"), "/../etc/passwd").is_none());
        assert_eq!(resolve(Path::new("/srv"), "/a/b.js"), Some(PathBuf::from("/srv/a/b.js")));
    }

    #[test]
    fn injection() {
        let out = reload::inject(b"<html><body><p>x</p></body></html>");
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("EventSource"));
        assert!(s.ends_with("</body></html>"));
    }
}
