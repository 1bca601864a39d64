//! Listening side of the bus.

use crate::codec::{Frame, FrameReader};
use crate::spec;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// An event handler. Returning `Some((event, data))` sends a reply.
pub type Handler = Box<dyn Fn(&Value) -> Option<(String, Value)> + Send + Sync>;

/// Server configuration.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub id: String,
    pub appspace: String,
    pub unlink_stale: bool,
}

impl ServerConfig {
    pub fn new(id: impl Into<String>) -> Self {
        ServerConfig { id: id.into(), appspace: crate::DEFAULT_APPSPACE.into(), unlink_stale: true }
    }

    pub fn appspace(mut self, a: impl Into<String>) -> Self {
        self.appspace = a.into();
        self
    }
}

/// A bound IPC server.
pub struct Server {
    listener: UnixListener,
    path: PathBuf,
    handlers: Arc<RwLock<HashMap<String, Handler>>>,
}

impl Server {
    /// Bind the socket for `cfg.id` under the socket root.
    pub fn bind(cfg: ServerConfig) -> crate::Result<Self> {
        spec::prepare();
        let path = spec::socket_path(&cfg.appspace, &cfg.id);
        if cfg.unlink_stale && path.exists() {
            let _ = std::fs::remove_file(&path);
        }
        let listener = UnixListener::bind(&path)?;
        log::debug!("ipc-localbus listening on {}", path.display());
        Ok(Server { listener, path, handlers: Arc::new(RwLock::new(HashMap::new())) })
    }

    /// Register a handler for `event`.
    pub fn on<F>(&self, event: &str, f: F)
    where
        F: Fn(&Value) -> Option<(String, Value)> + Send + Sync + 'static,
    {
        self.handlers.write().unwrap().insert(event.to_string(), Box::new(f));
    }

    /// Socket path this server is bound to.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Accept connections forever, one thread per peer.
    pub fn serve(&self) -> crate::Result<()> {
        for conn in self.listener.incoming() {
            let stream = conn?;
            let handlers = Arc::clone(&self.handlers);
            std::thread::spawn(move || {
                if let Err(e) = handle_peer(stream, handlers) {
                    log::warn!("peer error: {e}");
                }
            });
        }
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn handle_peer(
    stream: UnixStream,
    handlers: Arc<RwLock<HashMap<String, Handler>>>,
) -> crate::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = FrameReader::new(stream);
    while let Some(frame) = reader.next_frame()? {
        let reply = {
            let h = handlers.read().unwrap();
            h.get(&frame.event).and_then(|f| f(&frame.data))
        };
        if let Some((event, data)) = reply {
            writer.write_all(&Frame::new(event, data).encode())?;
        }
    }
    Ok(())
}
