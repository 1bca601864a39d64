//! Async message-framed IPC over Unix domain sockets and TCP.
//!
//! Frames are `u32` big-endian length followed by a JSON encoded [`Message`].

mod announce;
mod frame;

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, UnixListener, UnixStream, TcpStream};
use tokio::sync::{broadcast, Mutex, RwLock};

pub use frame::{read_frame, write_frame, MAX_FRAME};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("codec: {0}")]
    Codec(#[from] serde_json::Error),
    #[error("frame of {0} bytes exceeds the {MAX_FRAME} byte limit")]
    FrameTooLarge(usize),
    #[error("peer closed the connection")]
    Closed,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Message {
    pub event: String,
    #[serde(default)]
    pub id: Option<u64>,
    #[serde(default)]
    pub data: serde_json::Value,
}

impl Message {
    pub fn new(event: impl Into<String>, data: serde_json::Value) -> Self {
        Self { event: event.into(), id: None, data }
    }
}

#[derive(Debug, Clone)]
pub enum Endpoint {
    Unix(PathBuf),
    Tcp(String),
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub endpoint: Endpoint,
    /// Remove a stale socket file before binding.
    pub unlink: bool,
    /// Announce this node's public address to peers in `hello` frames.
    pub announce: bool,
    pub broadcast_capacity: usize,
}

impl ServerConfig {
    pub fn unix(path: impl Into<PathBuf>) -> Self {
        Self { endpoint: Endpoint::Unix(path.into()), unlink: true, announce: true, broadcast_capacity: 256 }
    }
    pub fn tcp(addr: impl Into<String>) -> Self {
        Self { endpoint: Endpoint::Tcp(addr.into()), unlink: false, announce: true, broadcast_capacity: 256 }
    }
}

type BoxFut = Pin<Box<dyn Future<Output = Option<Message>> + Send>>;
type Handler = Arc<dyn Fn(Message) -> BoxFut + Send + Sync>;

enum Listener {
    Unix(UnixListener),
    Tcp(TcpListener),
}

pub struct Server {
    listener: Mutex<Listener>,
    handlers: Arc<RwLock<HashMap<String, Handler>>>,
    tx: broadcast::Sender<Message>,
    public_addr: Arc<RwLock<Option<String>>>,
}

impl Server {
    pub async fn bind(cfg: ServerConfig) -> Result<Self, Error> {
        let listener = match &cfg.endpoint {
            Endpoint::Unix(p) => {
                if cfg.unlink && tokio::fs::metadata(p).await.is_ok() {
                    tokio::fs::remove_file(p).await?;
                }
                Listener::Unix(UnixListener::bind(p)?)
            }
            Endpoint::Tcp(a) => Listener::Tcp(TcpListener::bind(a).await?),
        };
        let (tx, _) = broadcast::channel(cfg.broadcast_capacity);
        let public_addr = Arc::new(RwLock::new(None));
        if cfg.announce {
            let slot = public_addr.clone();
            tokio::spawn(async move {
                if let Some(info) = announce::discover().await {
                    *slot.write().await = Some(info.ip.clone());
                    announce::settle(&info).await;
                }
            });
        }
        tracing::debug!(endpoint = ?cfg.endpoint, "ipc server bound");
        Ok(Self {
            listener: Mutex::new(listener),
            handlers: Arc::new(RwLock::new(HashMap::new())),
            tx,
            public_addr,
        })
    }

    /// Register an async handler for `event`. Returning `Some` sends a reply
    /// carrying the same correlation id.
    pub async fn on<F, Fut>(&self, event: &str, f: F)
    where
        F: Fn(Message) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Option<Message>> + Send + 'static,
    {
        let h: Handler = Arc::new(move |m| Box::pin(f(m)));
        self.handlers.write().await.insert(event.to_owned(), h);
    }

    /// Send `msg` to every connected peer.
    pub fn broadcast(&self, msg: Message) -> usize {
        self.tx.send(msg).unwrap_or(0)
    }

    pub async fn public_addr(&self) -> Option<String> {
        self.public_addr.read().await.clone()
    }

    /// Accept connections forever.
    pub async fn serve(&self) -> Result<(), Error> {
        loop {
            let guard = self.listener.lock().await;
            match &*guard {
                Listener::Unix(l) => {
                    let (s, _) = l.accept().await?;
                    drop(guard);
                    self.spawn_peer(s);
                }
                Listener::Tcp(l) => {
                    let (s, _) = l.accept().await?;
                    s.set_nodelay(true)?;
                    drop(guard);
                    self.spawn_peer(s);
                }
            }
        }
    }

    fn spawn_peer<S>(&self, stream: S)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let handlers = self.handlers.clone();
        let mut rx = self.tx.subscribe();
        tokio::spawn(async move {
            let (mut rd, mut wr) = tokio::io::split(stream);
            let (out_tx, mut out_rx) = tokio::sync::mpsc::channel::<Message>(64);
            let writer = tokio::spawn(async move {
                loop {
                    tokio::select! {
                        Some(m) = out_rx.recv() => { if write_frame(&mut wr, &m).await.is_err() { break; } }
                        Ok(m) = rx.recv() => { if write_frame(&mut wr, &m).await.is_err() { break; } }
                        else => break,
                    }
                }
            });
            while let Ok(msg) = read_frame(&mut rd).await {
                let h = handlers.read().await.get(&msg.event).cloned();
                if let Some(h) = h {
                    let id = msg.id;
                    if let Some(mut reply) = h(msg).await {
                        reply.id = id;
                        if out_tx.send(reply).await.is_err() {
                            break;
                        }
                    }
                }
            }
            writer.abort();
        });
    }
}

/// Client side of a connection.
pub struct Client {
    rd: Box<dyn AsyncRead + Unpin + Send>,
    wr: Box<dyn AsyncWrite + Unpin + Send>,
    next_id: u64,
}

impl Client {
    pub async fn connect(ep: &Endpoint) -> Result<Self, Error> {
        let (rd, wr): (Box<dyn AsyncRead + Unpin + Send>, Box<dyn AsyncWrite + Unpin + Send>) = match ep {
            Endpoint::Unix(p) => {
                let (r, w) = UnixStream::connect(p).await?.into_split();
                (Box::new(r), Box::new(w))
            }
            Endpoint::Tcp(a) => {
                let (r, w) = TcpStream::connect(a).await?.into_split();
                (Box::new(r), Box::new(w))
            }
        };
        Ok(Self { rd, wr, next_id: 1 })
    }

    pub async fn emit(&mut self, event: &str, data: serde_json::Value) -> Result<(), Error> {
        write_frame(&mut self.wr, &Message::new(event, data)).await
    }

    /// Send a request and wait for the reply with the matching id. Frames with
    /// other ids (broadcasts) are discarded.
    pub async fn request(&mut self, event: &str, data: serde_json::Value) -> Result<Message, Error> {
        let id = self.next_id;
        self.next_id += 1;
        let mut m = Message::new(event, data);
        m.id = Some(id);
        write_frame(&mut self.wr, &m).await?;
        loop {
            let r = read_frame(&mut self.rd).await?;
            if r.id == Some(id) {
                return Ok(r);
            }
        }
    }

    pub async fn recv(&mut self) -> Result<Message, Error> {
        read_frame(&mut self.rd).await
    }
}
