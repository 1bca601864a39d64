//! Opt-in local debugging console.
//!
//! Protocol (line based, over TCP):
//!
//! ```text
//! client: AUTH <token>\n
//! server: OK\n | DENIED\n
//! client: RUN <program-name>\n   or   LIST\n
//! server: <program output ...> then the connection closes
//! ```

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Command;
use std::time::Duration;

use crate::auth::{ct_eq, MIN_TOKEN_LEN};
use crate::bridge::Bridge;

/// A program clients may start, identified by a short name.
#[derive(Clone, Debug)]
pub struct Program {
    name: String,
    exe: String,
    args: Vec<String>,
}

impl Program {
    pub fn new(name: impl Into<String>, exe: impl Into<String>) -> Program {
        Program { name: name.into(), exe: exe.into(), args: Vec::new() }
    }

    pub fn arg(mut self, a: impl Into<String>) -> Program {
        self.args.push(a.into());
        self
    }

    pub fn args<I, S>(mut self, it: I) -> Program
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(it.into_iter().map(Into::into));
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.exe);
        c.args(&self.args);
        c
    }
}

/// What happened in one client session, passed to the audit callback.
#[derive(Debug, Clone)]
pub struct SessionEvent {
    pub peer: SocketAddr,
    pub authenticated: bool,
    pub program: Option<String>,
    pub exit_code: Option<i32>,
}

type AuditFn = Box<dyn Fn(&SessionEvent) + Send + Sync>;

#[derive(Debug)]
pub enum ConfigError {
    MissingToken,
    WeakToken,
    NoPrograms,
    NonLoopback(SocketAddr),
    Io(io::Error),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::MissingToken => f.write_str("a token is required"),
            ConfigError::WeakToken => write!(f, "token must be at least {MIN_TOKEN_LEN} bytes"),
            ConfigError::NoPrograms => f.write_str("no programs configured"),
            ConfigError::NonLoopback(a) => write!(f, "{a} is not a loopback address; call allow_non_loopback(true) to permit it"),
            ConfigError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

pub struct ConsoleBuilder {
    bind: SocketAddr,
    token: Option<String>,
    programs: Vec<Program>,
    allow_non_loopback: bool,
    session_timeout: Duration,
    audit: Option<AuditFn>,
}

impl ConsoleBuilder {
    pub fn bind(mut self, a: SocketAddr) -> Self {
        self.bind = a;
        self
    }

    pub fn token(mut self, t: impl Into<String>) -> Self {
        self.token = Some(t.into());
        self
    }

    pub fn program(mut self, p: Program) -> Self {
        self.programs.push(p);
        self
    }

    pub fn allow_non_loopback(mut self, yes: bool) -> Self {
        self.allow_non_loopback = yes;
        self
    }

    pub fn session_timeout(mut self, d: Duration) -> Self {
        self.session_timeout = d;
        self
    }

    pub fn on_session(mut self, f: impl Fn(&SessionEvent) + Send + Sync + 'static) -> Self {
        self.audit = Some(Box::new(f));
        self
    }

    pub fn build(self) -> Result<ConsoleServer, ConfigError> {
        let token = self.token.ok_or(ConfigError::MissingToken)?;
        if token.len() < MIN_TOKEN_LEN {
            return Err(ConfigError::WeakToken);
        }
        if self.programs.is_empty() {
            return Err(ConfigError::NoPrograms);
        }
        if !self.bind.ip().is_loopback() && !self.allow_non_loopback {
            return Err(ConfigError::NonLoopback(self.bind));
        }
        let listener = TcpListener::bind(self.bind).map_err(ConfigError::Io)?;
        Ok(ConsoleServer {
            listener,
            token,
            programs: self.programs,
            session_timeout: self.session_timeout,
            audit: self.audit,
        })
    }
}

pub struct ConsoleServer {
    listener: TcpListener,
    token: String,
    programs: Vec<Program>,
    session_timeout: Duration,
    audit: Option<AuditFn>,
}

impl ConsoleServer {
    pub fn builder() -> ConsoleBuilder {
        ConsoleBuilder {
            bind: "127.0.0.1:0".parse().unwrap(),
            token: None,
            programs: Vec::new(),
            allow_non_loopback: false,
            session_timeout: Duration::from_secs(60),
            audit: None,
        }
    }

    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Accept and handle exactly one client.
    pub fn serve_one(&self) -> io::Result<()> {
        let (s, peer) = self.listener.accept()?;
        self.handle(s, peer)
    }

    /// Accept clients sequentially until an I/O error on the listener.
    pub fn serve(&self) -> io::Result<()> {
        loop {
            let (s, peer) = self.listener.accept()?;
            let _ = self.handle(s, peer);
        }
    }

    fn audit(&self, ev: SessionEvent) {
        if let Some(f) = &self.audit {
            f(&ev);
        }
    }

    fn handle(&self, stream: TcpStream, peer: SocketAddr) -> io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut w = stream.try_clone()?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let presented = line.trim_end().strip_prefix("AUTH ").unwrap_or("");
        if !ct_eq(presented.as_bytes(), self.token.as_bytes()) {
            w.write_all(b"DENIED\n")?;
            self.audit(SessionEvent { peer, authenticated: false, program: None, exit_code: None });
            return Ok(());
        }
        w.write_all(b"OK\n")?;
        line.clear();
        reader.read_line(&mut line)?;
        let req = line.trim_end();
        if req == "LIST" {
            for p in &self.programs {
                writeln!(w, "{}", p.name)?;
            }
            return Ok(());
        }
        let name = req.strip_prefix("RUN ").unwrap_or("");
        let prog = match self.programs.iter().find(|p| p.name == name) {
            Some(p) => p,
            None => {
                w.write_all(b"ERR unknown program\n")?;
                return Ok(());
            }
        };
        // The program's stdin is closed: console programs are read-only
        // reports, the client cannot type into them.
        let session = Bridge::new(prog.command())
            .timeout(self.session_timeout)
            .run(std::io::empty(), &mut w)?;
        self.audit(SessionEvent {
            peer,
            authenticated: true,
            program: Some(prog.name.clone()),
            exit_code: session.status.and_then(|s| s.code()),
        });
        Ok(())
    }
}
