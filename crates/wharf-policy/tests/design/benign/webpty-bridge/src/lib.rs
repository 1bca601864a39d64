//! # webpty-bridge
//!
//! WebSocket ↔ pseudo-terminal bridge for browser terminals.
//!
//! **Security:** a connected, authenticated client gets an interactive
//! shell as the current user. The listener is loopback-only and
//! token-protected by default; see [`BridgeConfig`].

mod session;

use rand::distributions::Alphanumeric;
use rand::rngs::OsRng;
use rand::Rng;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    /// Refused to bind a non-loopback address without `allow_remote(true)`.
    RemoteNotAllowed(SocketAddr),
    /// Token shorter than 16 characters.
    WeakToken,
    Pty(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "io: {e}"),
            Error::RemoteNotAllowed(a) => write!(f, "refusing to expose a shell on non-loopback address {a}"),
            Error::WeakToken => f.write_str("access token must be at least 16 characters"),
            Error::Pty(e) => write!(f, "pty: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Bridge configuration.
#[derive(Clone)]
pub struct BridgeConfig {
    pub(crate) bind: SocketAddr,
    pub(crate) token: String,
    pub(crate) program: Option<String>,
    pub(crate) args: Vec<String>,
    pub(crate) allow_remote: bool,
    pub(crate) origins: Vec<String>,
    pub(crate) max_sessions: usize,
}

impl std::fmt::Debug for BridgeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BridgeConfig")
            .field("bind", &self.bind)
            .field("token", &"<redacted>")
            .field("program", &self.program)
            .field("allow_remote", &self.allow_remote)
            .field("origins", &self.origins)
            .finish()
    }
}

impl Default for BridgeConfig {
    fn default() -> Self {
        let token: String = OsRng.sample_iter(&Alphanumeric).take(32).map(char::from).collect();
        BridgeConfig {
            bind: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            token,
            program: None,
            args: Vec::new(),
            allow_remote: false,
            origins: Vec::new(),
            max_sessions: 4,
        }
    }
}

impl BridgeConfig {
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// Use a caller-supplied token instead of the random default.
    pub fn token(mut self, t: impl Into<String>) -> Self {
        self.token = t.into();
        self
    }

    /// Program to run instead of `$SHELL`.
    pub fn program(mut self, p: impl Into<String>, args: &[&str]) -> Self {
        self.program = Some(p.into());
        self.args = args.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Permit binding non-loopback addresses. Read the README first.
    pub fn allow_remote(mut self, yes: bool) -> Self {
        self.allow_remote = yes;
        self
    }

    /// Only accept WebSocket handshakes whose `Origin` is in this list.
    pub fn allow_origin(mut self, o: impl Into<String>) -> Self {
        self.origins.push(o.into());
        self
    }

    pub fn max_sessions(mut self, n: usize) -> Self {
        self.max_sessions = n.max(1);
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if !self.bind.ip().is_loopback() && !self.allow_remote {
            return Err(Error::RemoteNotAllowed(self.bind));
        }
        if self.token.len() < 16 {
            return Err(Error::WeakToken);
        }
        Ok(())
    }

    pub(crate) fn token_matches(&self, presented: &str) -> bool {
        constant_time_eq::constant_time_eq(self.token.as_bytes(), presented.as_bytes())
    }

    pub(crate) fn origin_ok(&self, origin: Option<&str>) -> bool {
        self.origins.is_empty() || origin.map_or(false, |o| self.origins.iter().any(|a| a == o))
    }
}

/// A bound bridge. Nothing is spawned until a client authenticates.
pub struct Bridge {
    cfg: BridgeConfig,
    listener: TcpListener,
}

impl Bridge {
    pub fn bind(cfg: BridgeConfig) -> Result<Self, Error> {
        cfg.validate()?;
        let listener = TcpListener::bind(cfg.bind)?;
        Ok(Bridge { cfg, listener })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// `ws://` URL including the access token. Treat it like a password.
    pub fn url(&self) -> String {
        let addr = self.local_addr().map(|a| a.to_string()).unwrap_or_default();
        format!("ws://{addr}/?token={}", self.cfg.token)
    }

    /// Accept clients until the listener fails.
    pub fn serve(&self) -> Result<(), Error> {
        let active = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        for conn in self.listener.incoming() {
            let stream = conn?;
            let peer = stream.peer_addr().ok();
            if active.load(std::sync::atomic::Ordering::SeqCst) >= self.cfg.max_sessions {
                log::warn!("session limit reached; dropping {peer:?}");
                continue;
            }
            let cfg = self.cfg.clone();
            let active = std::sync::Arc::clone(&active);
            active.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::thread::spawn(move || {
                if let Err(e) = session::run(stream, &cfg) {
                    log::info!("session {peer:?} ended: {e}");
                }
                active.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_public_bind_by_default() {
        let cfg = BridgeConfig::default().bind("0.0.0.0:7681".parse().unwrap());
        assert!(matches!(cfg.validate(), Err(Error::RemoteNotAllowed(_))));
        assert!(cfg.allow_remote(true).validate().is_ok());
    }

    #[test]
    fn default_token_is_strong_and_redacted() {
        let cfg = BridgeConfig::default();
        assert_eq!(cfg.token.len(), 32);
        assert!(!format!("{cfg:?}").contains(&cfg.token));
    }

    #[test]
    fn weak_token_rejected() {
        assert!(matches!(BridgeConfig::default().token("abc").validate(), Err(Error::WeakToken)));
    }

    #[test]
    fn token_and_origin_checks() {
        let cfg = BridgeConfig::default().token("0123456789abcdef").allow_origin("http://127.0.0.1:8000");
        assert!(cfg.token_matches("0123456789abcdef"));
        assert!(!cfg.token_matches("0123456789abcdeX"));
        assert!(cfg.origin_ok(Some("http://127.0.0.1:8000")));
        assert!(!cfg.origin_ok(Some("http://evil.example.com")));
        assert!(!cfg.origin_ok(None));
    }
}
