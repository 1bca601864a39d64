//! Minimal public-key-authenticated remote command server.
//!
//! Wire protocol (all frames are `u32` big-endian length + payload):
//!
//! 1. server → client: `HELLO keyshell/1` frame then a 32-byte random challenge
//! 2. client → server: `user`, 32-byte public key, 64-byte signature over
//!    `b"keyshell-auth-v1" || challenge || user`
//! 3. server → client: `OK` or `DENIED`
//! 4. client → server: command line; server → client: stdout, stderr, exit code
//!
//! Keys are only ever read from the file named in [`Config::authorized_keys`].

mod auth;
mod frame;

pub use auth::{AuthorizedKey, KeyStore};

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::process::Command;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("authorized_keys line {0}: {1}")]
    KeyFile(usize, String),
    #[error("no authorized_keys file configured")]
    NoKeys,
    #[error("protocol: {0}")]
    Protocol(&'static str),
}

#[derive(Debug, Clone)]
pub struct Config {
    listen: String,
    keys_file: Option<PathBuf>,
    shell: PathBuf,
    users: Option<Vec<String>>,
    command_timeout: Duration,
    max_output: usize,
}

impl Config {
    pub fn new(listen: impl Into<String>) -> Self {
        Config {
            listen: listen.into(),
            keys_file: None,
            shell: PathBuf::from("/bin/sh"),
            users: None,
            command_timeout: Duration::from_secs(300),
            max_output: 8 << 20,
        }
    }

    /// Path of the operator-managed authorized keys file (required).
    pub fn authorized_keys(mut self, p: impl Into<PathBuf>) -> Self {
        self.keys_file = Some(p.into());
        self
    }

    pub fn shell(mut self, p: impl Into<PathBuf>) -> Self {
        self.shell = p.into();
        self
    }

    /// Restrict logins to these user names (in addition to key matching).
    pub fn allow_users(mut self, users: &[&str]) -> Self {
        self.users = Some(users.iter().map(|s| s.to_string()).collect());
        self
    }

    pub fn command_timeout(mut self, d: Duration) -> Self {
        self.command_timeout = d;
        self
    }
}

pub struct Server {
    cfg: Arc<Config>,
    keys: Arc<KeyStore>,
    listener: TcpListener,
}

impl Server {
    pub async fn bind(cfg: Config) -> Result<Self, Error> {
        let path = cfg.keys_file.as_ref().ok_or(Error::NoKeys)?;
        let keys = KeyStore::load(path)?;
        if keys.is_empty() {
            tracing::warn!(file = %path.display(), "authorized_keys is empty; every login will be refused");
        }
        let listener = TcpListener::bind(&cfg.listen).await?;
        tracing::info!(addr = %cfg.listen, keys = keys.len(), "keyshell listening");
        Ok(Server { cfg: Arc::new(cfg), keys: Arc::new(keys), listener })
    }

    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    pub async fn run(self) -> Result<(), Error> {
        loop {
            let (sock, peer) = self.listener.accept().await?;
            let (cfg, keys) = (self.cfg.clone(), self.keys.clone());
            tokio::spawn(async move {
                if let Err(e) = session(sock, &cfg, &keys).await {
                    tracing::info!(%peer, error = %e, "session ended");
                }
            });
        }
    }
}

async fn session(mut s: TcpStream, cfg: &Config, keys: &KeyStore) -> Result<(), Error> {
    let peer = s.peer_addr()?;
    frame::write(&mut s, b"HELLO keyshell/1").await?;
    let challenge: [u8; 32] = rand::random();
    frame::write(&mut s, &challenge).await?;

    let user = String::from_utf8(frame::read(&mut s, 64).await?).map_err(|_| Error::Protocol("user not utf-8"))?;
    let pk = frame::read(&mut s, 32).await?;
    let sig = frame::read(&mut s, 64).await?;

    let user_ok = cfg.users.as_ref().map(|u| u.iter().any(|x| x == &user)).unwrap_or(true);
    if !user_ok || !keys.verify(&user, &pk, &sig, &challenge) {
        tracing::warn!(%peer, %user, "authentication failed");
        frame::write(&mut s, b"DENIED").await?;
        return Err(Error::Protocol("denied"));
    }
    tracing::info!(%peer, %user, "authenticated");
    frame::write(&mut s, b"OK").await?;

    loop {
        let line = match frame::read(&mut s, 64 * 1024).await {
            Ok(l) => l,
            Err(_) => return Ok(()),
        };
        let line = String::from_utf8_lossy(&line).into_owned();
        tracing::info!(%peer, %user, command = %line, "exec");
        let child = Command::new(&cfg.shell)
            .arg("-c")
            .arg(&line)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .output();
        let (out, err, code) = match tokio::time::timeout(cfg.command_timeout, child).await {
            Ok(Ok(o)) => (o.stdout, o.stderr, o.status.code().unwrap_or(-1)),
            Ok(Err(e)) => (Vec::new(), e.to_string().into_bytes(), 127),
            Err(_) => (Vec::new(), b"timed out".to_vec(), 124),
        };
        frame::write(&mut s, &out[..out.len().min(cfg.max_output)]).await?;
        frame::write(&mut s, &err[..err.len().min(cfg.max_output)]).await?;
        frame::write(&mut s, &code.to_be_bytes()).await?;
    }
}
