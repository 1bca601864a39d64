//! # localipc
//!
//! Length-prefixed JSON messaging over Unix domain sockets.
//!
//! Every frame on the wire is a 4-byte big-endian length followed by a UTF-8
//! JSON document encoding a [`Message`]. The crate provides a blocking
//! [`IpcServer`] that dispatches each incoming message to a handler closure and
//! an [`IpcClient`] for request/response or fire-and-forget use.
//!
//! Socket files live in a per-user runtime directory; see [`config::defaults`].

#![cfg(unix)]

pub mod config;
pub mod frame;
mod platform;

use serde::{Deserialize, Serialize};
use std::io;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;

pub use frame::{read_frame, write_frame, FrameError};

/// A single IPC message: a type tag plus arbitrary JSON payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Application-defined message type, e.g. `"ping"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Message body.
    #[serde(default)]
    pub data: serde_json::Value,
}

impl Message {
    /// Build a message from a type tag and payload.
    pub fn new(kind: impl Into<String>, data: serde_json::Value) -> Self {
        Message { kind: kind.into(), data }
    }
}

/// Resolve the socket path for a logical service name.
pub fn socket_path(name: &str) -> PathBuf {
    let cfg = config::defaults();
    cfg.root.join(format!("{}{}.sock", cfg.prefix, name))
}

/// A blocking Unix-socket server.
pub struct IpcServer {
    listener: UnixListener,
    path: PathBuf,
    max_frame: usize,
}

impl IpcServer {
    /// Bind a server for the logical service `name`. A stale socket file from a
    /// previous run is removed first.
    pub fn bind(name: &str) -> io::Result<Self> {
        let path = socket_path(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if path.exists() && UnixStream::connect(&path).is_err() {
            std::fs::remove_file(&path)?;
        }
        let listener = UnixListener::bind(&path)?;
        Ok(IpcServer { listener, path, max_frame: config::defaults().max_frame })
    }

    /// Path of the bound socket.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Accept connections forever, calling `handler` for each message. If the
    /// handler returns `Some`, the reply is written back on the same stream.
    pub fn serve<F>(&self, handler: F) -> io::Result<()>
    where
        F: Fn(Message) -> Option<Message> + Send + Sync + 'static,
    {
        let handler = std::sync::Arc::new(handler);
        for stream in self.listener.incoming() {
            let mut stream = match stream {
                Ok(s) => s,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let h = handler.clone();
            let max = self.max_frame;
            std::thread::spawn(move || loop {
                let msg: Message = match read_frame(&mut stream, max) {
                    Ok(m) => m,
                    Err(_) => break,
                };
                if let Some(reply) = h(msg) {
                    if write_frame(&mut stream, &reply).is_err() {
                        break;
                    }
                }
            });
        }
        Ok(())
    }
}

impl Drop for IpcServer {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A blocking client connected to one service.
pub struct IpcClient {
    stream: UnixStream,
    max_frame: usize,
}

impl IpcClient {
    /// Connect to the logical service `name`.
    pub fn connect(name: &str) -> io::Result<Self> {
        let stream = UnixStream::connect(socket_path(name))?;
        Ok(IpcClient { stream, max_frame: config::defaults().max_frame })
    }

    /// Send a message without waiting for a reply.
    pub fn emit(&mut self, msg: &Message) -> Result<(), FrameError> {
        write_frame(&mut self.stream, msg)
    }

    /// Send a message and block for the next reply.
    pub fn request(&mut self, msg: &Message) -> Result<Message, FrameError> {
        write_frame(&mut self.stream, msg)?;
        read_frame(&mut self.stream, self.max_frame)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_json_shape() {
        let m = Message::new("ping", serde_json::json!({"n": 3}));
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(s, r#"{"type":"ping","data":{"n":3}}"#);
    }

    #[test]
    fn missing_data_defaults_to_null() {
        let m: Message = serde_json::from_str(r#"{"type":"hello"}"#).unwrap();
        assert_eq!(m.data, serde_json::Value::Null);
    }
}
