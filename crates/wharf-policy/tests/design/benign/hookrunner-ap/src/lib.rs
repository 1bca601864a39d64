//! # hookrunner
//!
//! Webhook receiver that runs operator-configured commands after
//! verifying an HMAC-SHA256 signature. See the README for the config
//! format and security notes.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod config;
pub mod exec;
pub mod http;
pub mod sig;

pub use config::{parse, Hook};

use std::collections::HashSet;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// Default listen address: loopback only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9000";

/// What to do with a request, decided before anything runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Reply and do nothing else.
    Reply(u16, String),
    /// Reply 202 and run hook number `index`.
    Run {
        /// Index into the hook list.
        index: usize,
        /// Request metadata for the command.
        event: Option<String>,
        /// Delivery id.
        delivery: Option<String>,
    },
}

type Logger = Arc<dyn Fn(&str) + Send + Sync>;

/// The receiver.
pub struct Server {
    hooks: Arc<Vec<Hook>>,
    listen: SocketAddr,
    dry_run: bool,
    max_concurrent: usize,
    running: Arc<Mutex<HashSet<usize>>>,
    active: Arc<AtomicUsize>,
    log: Logger,
}

impl Server {
    /// A server for these hooks on [`DEFAULT_LISTEN`].
    pub fn new(hooks: Vec<Hook>) -> Server {
        Server {
            hooks: Arc::new(hooks),
            listen: DEFAULT_LISTEN.parse().expect("valid default address"),
            dry_run: false,
            max_concurrent: 4,
            running: Arc::new(Mutex::new(HashSet::new())),
            active: Arc::new(AtomicUsize::new(0)),
            log: Arc::new(|m| eprintln!("hookrunner: {m}")),
        }
    }

    /// Listen address.
    pub fn listen(mut self, addr: SocketAddr) -> Server {
        self.listen = addr;
        self
    }

    /// Verify and log, but never execute.
    pub fn dry_run(mut self, on: bool) -> Server {
        self.dry_run = on;
        self
    }

    /// Maximum commands running at once across all hooks.
    pub fn max_concurrent(mut self, n: usize) -> Server {
        self.max_concurrent = n.max(1);
        self
    }

    /// Replace the log sink.
    pub fn on_log<F: Fn(&str) + Send + Sync + 'static>(mut self, f: F) -> Server {
        self.log = Arc::new(f);
        self
    }

    /// Route and authenticate a request. Pure apart from reading the
    /// running-set, so it is easy to test.
    pub fn decide(&self, req: &http::Request) -> Decision {
        if req.method != "POST" {
            return Decision::Reply(405, "POST only\n".into());
        }
        let Some(id) = req.path.strip_prefix("/hooks/") else {
            return Decision::Reply(404, "not found\n".into());
        };
        let Some(index) = self.hooks.iter().position(|h| h.id == id) else {
            return Decision::Reply(404, "no such hook\n".into());
        };
        let hook = &self.hooks[index];
        let sig_header = req.header("x-hub-signature-256").or_else(|| req.header("x-signature-256"));
        match sig::verify(&hook.secret, &req.body, sig_header) {
            sig::Verdict::Valid => {}
            other => {
                (self.log)(&format!("{id}: rejected delivery ({other:?})"));
                return Decision::Reply(401, "bad signature\n".into());
            }
        }
        let event = req.header("x-github-event").or_else(|| req.header("x-gitea-event"));
        if event == Some("ping") {
            return Decision::Reply(200, "pong\n".into());
        }
        if !hook.events.is_empty() && !event.map_or(false, |e| hook.events.iter().any(|w| w == e)) {
            return Decision::Reply(202, "event ignored\n".into());
        }
        if self.running.lock().map(|r| r.contains(&index)).unwrap_or(true) {
            return Decision::Reply(409, "already running\n".into());
        }
        if self.active.load(Ordering::SeqCst) >= self.max_concurrent {
            return Decision::Reply(429, "busy\n".into());
        }
        Decision::Run {
            index,
            event: event.map(str::to_string),
            delivery: req.header("x-github-delivery").map(str::to_string),
        }
    }

    fn start(&self, index: usize, ctx: exec::Context, body: Vec<u8>) {
        let hook = self.hooks[index].clone();
        if self.dry_run {
            (self.log)(&format!("{}: dry run, would execute {:?}", hook.id, hook.argv));
            return;
        }
        if let Ok(mut r) = self.running.lock() {
            r.insert(index);
        }
        self.active.fetch_add(1, Ordering::SeqCst);
        let running = self.running.clone();
        let active = self.active.clone();
        let log = self.log.clone();
        thread::spawn(move || {
            log(&format!("{}: running {:?} (event {:?})", hook.id, hook.argv, ctx.event));
            match exec::run(&hook, &ctx, &body) {
                Ok(o) => log(&format!(
                    "{}: finished in {:.1?}: {} ({} bytes of output)",
                    hook.id,
                    o.elapsed,
                    o.status.map_or("timed out".to_string(), |s| s.to_string()),
                    o.output.len()
                )),
                Err(e) => log(&format!("{}: could not start: {e}", hook.id)),
            }
            if let Ok(mut r) = running.lock() {
                r.remove(&index);
            }
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }

    fn serve_one(&self, mut stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let req = match http::read_request(&mut stream) {
            Ok(r) => r,
            Err(http::ReadError::TooLarge) => {
                let _ = http::respond(&mut stream, 413, "too large\n");
                return;
            }
            Err(http::ReadError::Bad(msg)) => {
                let _ = http::respond(&mut stream, 400, &format!("{msg}\n"));
                return;
            }
            Err(http::ReadError::Io(_)) => return,
        };
        match self.decide(&req) {
            Decision::Reply(code, text) => {
                let _ = http::respond(&mut stream, code, &text);
            }
            Decision::Run { index, event, delivery } => {
                let _ = http::respond(&mut stream, 202, "accepted\n");
                let ctx = exec::Context::new(event.as_deref(), delivery.as_deref());
                self.start(index, ctx, req.body);
            }
        }
    }

    /// Bind the listener.
    pub fn bind(self) -> io::Result<Bound> {
        let listener = TcpListener::bind(self.listen)?;
        Ok(Bound { listener, server: Arc::new(self) })
    }
}

/// A bound server, ready to accept connections.
pub struct Bound {
    listener: TcpListener,
    server: Arc<Server>,
}

impl Bound {
    /// The actual address (useful with port 0).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Accept connections forever, one short-lived thread per connection.
    pub fn serve(self) -> io::Result<()> {
        let n = self.server.hooks.len();
        (self.server.log)(&format!(
            "listening on {} ({} hook{}){}",
            self.local_addr()?,
            n,
            if n == 1 { "" } else { "s" },
            if self.server.dry_run { ", dry run" } else { "" }
        ));
        for conn in self.listener.incoming() {
            let Ok(stream) = conn else { continue };
            let server = self.server.clone();
            thread::spawn(move || server.serve_one(stream));
        }
        Ok(())
    }
}
