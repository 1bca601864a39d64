//! Line-protocol server.
//!
//! ```text
//! S: HELLO cmdrelay/1 <nonce-hex>
//! C: AUTH <client-id> <hmac-hex>
//! S: OK | ERR <reason>
//! C: LIST                       -> S: NAMES <n1> <n2> ...
//! C: RUN <name> [arg ...]       -> S: EXIT <code|-> <len> [timeout] [truncated]\n<len bytes>
//! C: QUIT
//! ```
//! Arguments are percent-encoded (`%20` for space).

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::auth;
use crate::registry::Registry;
use crate::runner;

/// Something that happened, for the audit callback.
#[derive(Debug, Clone)]
pub enum AuditEvent {
    Connected(SocketAddr),
    AuthOk { peer: SocketAddr, client: String },
    AuthFailed { peer: SocketAddr, client: String },
    Run { client: String, command: String, args: Vec<String> },
    Rejected { client: String, command: String, reason: String },
    Finished { client: String, command: String, code: Option<i32>, timed_out: bool },
}

pub type AuditFn = Arc<dyn Fn(&AuditEvent) + Send + Sync>;

pub struct Server {
    registry: Arc<Registry>,
    key: Arc<Vec<u8>>,
    audit: Option<AuditFn>,
    allow_remote: bool,
    max_conns: usize,
    idle_timeout: Duration,
}

impl Server {
    /// `key` is the shared HMAC key; it must be at least 16 bytes.
    pub fn new(registry: Registry, key: Vec<u8>) -> Self {
        assert!(key.len() >= 16, "cmdrelay key must be at least 16 bytes");
        Server {
            registry: Arc::new(registry),
            key: Arc::new(key),
            audit: None,
            allow_remote: false,
            max_conns: 8,
            idle_timeout: Duration::from_secs(60),
        }
    }

    pub fn audit(mut self, f: impl Fn(&AuditEvent) + Send + Sync + 'static) -> Self {
        self.audit = Some(Arc::new(f));
        self
    }

    /// Permit binding to non-loopback addresses.
    pub fn allow_remote(mut self, yes: bool) -> Self {
        self.allow_remote = yes;
        self
    }

    pub fn max_connections(mut self, n: usize) -> Self {
        self.max_conns = n.max(1);
        self
    }

    /// Bind to `addr` and serve until the listener fails.
    pub fn serve(self, addr: impl ToSocketAddrs) -> io::Result<()> {
        let addrs: Vec<SocketAddr> = addr.to_socket_addrs()?.collect();
        if !self.allow_remote && addrs.iter().any(|a| !a.ip().is_loopback()) {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "refusing to bind a non-loopback address without allow_remote(true)",
            ));
        }
        let listener = TcpListener::bind(&addrs[..])?;
        let active = Arc::new(AtomicUsize::new(0));
        for stream in listener.incoming() {
            let stream = match stream {
                Ok(s) => s,
                Err(_) => continue,
            };
            if active.load(Ordering::Acquire) >= self.max_conns {
                let _ = (&stream).write_all(b"ERR busy\n");
                continue;
            }
            active.fetch_add(1, Ordering::AcqRel);
            let ctx = Conn {
                registry: self.registry.clone(),
                key: self.key.clone(),
                audit: self.audit.clone(),
                idle: self.idle_timeout,
            };
            let active2 = active.clone();
            thread::spawn(move || {
                let _ = ctx.handle(stream);
                active2.fetch_sub(1, Ordering::AcqRel);
            });
        }
        Ok(())
    }
}

struct Conn {
    registry: Arc<Registry>,
    key: Arc<Vec<u8>>,
    audit: Option<AuditFn>,
    idle: Duration,
}

fn pct_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl Conn {
    fn emit(&self, e: AuditEvent) {
        if let Some(f) = &self.audit {
            f(&e);
        }
    }

    fn handle(&self, stream: TcpStream) -> io::Result<()> {
        let peer = stream.peer_addr()?;
        stream.set_read_timeout(Some(self.idle))?;
        self.emit(AuditEvent::Connected(peer));
        let mut w = stream.try_clone()?;
        let mut r = BufReader::new(stream);
        let nonce = auth::fresh_nonce()?;
        writeln!(w, "HELLO cmdrelay/1 {}", hex::encode(nonce))?;

        let mut line = String::new();
        r.read_line(&mut line)?;
        let mut it = line.split_whitespace();
        let (client, resp) = match (it.next(), it.next(), it.next()) {
            (Some("AUTH"), Some(c), Some(h)) => (c.to_owned(), h.to_owned()),
            _ => {
                writeln!(w, "ERR expected AUTH")?;
                return Ok(());
            }
        };
        if !auth::verify(&self.key, &nonce, &client, &resp) {
            self.emit(AuditEvent::AuthFailed { peer, client });
            writeln!(w, "ERR auth")?;
            return Ok(());
        }
        self.emit(AuditEvent::AuthOk { peer, client: client.clone() });
        writeln!(w, "OK")?;

        loop {
            line.clear();
            if r.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let mut parts = line.split_whitespace();
            match parts.next() {
                Some("QUIT") | None => return Ok(()),
                Some("LIST") => {
                    let names: Vec<&str> = self.registry.names().collect();
                    writeln!(w, "NAMES {}", names.join(" "))?;
                }
                Some("RUN") => {
                    let Some(name) = parts.next() else {
                        writeln!(w, "ERR missing command name")?;
                        continue;
                    };
                    let args: Option<Vec<String>> = parts.map(pct_decode).collect();
                    let Some(args) = args else {
                        writeln!(w, "ERR bad encoding")?;
                        continue;
                    };
                    let Some(spec) = self.registry.get(name) else {
                        self.emit(AuditEvent::Rejected { client: client.clone(), command: name.into(), reason: "unknown".into() });
                        writeln!(w, "ERR unknown command")?;
                        continue;
                    };
                    if let Err(reason) = spec.validate(&args) {
                        self.emit(AuditEvent::Rejected { client: client.clone(), command: name.into(), reason: reason.clone() });
                        writeln!(w, "ERR {reason}")?;
                        continue;
                    }
                    self.emit(AuditEvent::Run { client: client.clone(), command: name.into(), args: args.clone() });
                    match runner::run(spec, &args) {
                        Ok(o) => {
                            self.emit(AuditEvent::Finished { client: client.clone(), command: name.into(), code: o.code, timed_out: o.timed_out });
                            let code = o.code.map(|c| c.to_string()).unwrap_or_else(|| "-".into());
                            let mut flags = String::new();
                            if o.timed_out {
                                flags.push_str(" timeout");
                            }
                            if o.truncated {
                                flags.push_str(" truncated");
                            }
                            writeln!(w, "EXIT {code} {}{flags}", o.output.len())?;
                            w.write_all(&o.output)?;
                        }
                        Err(e) => writeln!(w, "ERR spawn: {e}")?,
                    }
                }
                Some(other) => writeln!(w, "ERR unknown verb {other}")?,
            }
        }
    }
}
