//! LiveReload protocol server.

mod proto;
mod relay;

use notify::{RecursiveMode, Watcher};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tungstenite::{accept, Message, WebSocket};

pub use proto::{Command, Hello};

/// Script tag to inject into served pages.
pub const SNIPPET: &str =
    r#"<script>document.write('<script src="http://' + (location.host || 'localhost').split(':')[0] + ':35729/livereload.js?snipver=1"></' + 'script>')</script>"#;

type Clients = Arc<Mutex<Vec<WebSocket<TcpStream>>>>;

pub struct LiveReload {
    root: PathBuf,
    port: u16,
    debounce: Duration,
    exts: Vec<String>,
}

impl LiveReload {
    pub fn new(root: impl AsRef<Path>) -> Self {
        LiveReload {
            root: root.as_ref().to_path_buf(),
            port: 35729,
            debounce: Duration::from_millis(120),
            exts: ["html", "css", "js", "png", "jpg", "svg", "wasm"].iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn port(mut self, p: u16) -> Self {
        self.port = p;
        self
    }

    pub fn debounce(mut self, d: Duration) -> Self {
        self.debounce = d;
        self
    }

    pub fn extensions(mut self, exts: &[&str]) -> Self {
        self.exts = exts.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Block forever, serving WebSocket clients and broadcasting reloads.
    pub fn serve(self) -> std::io::Result<()> {
        let clients: Clients = Arc::new(Mutex::new(Vec::new()));
        let listener = TcpListener::bind(("127.0.0.1", self.port))?;
        log::info!("livereload listening on 127.0.0.1:{}", self.port);

        let c2 = clients.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                match accept(stream) {
                    Ok(mut ws) => {
                        if proto::handshake(&mut ws).is_ok() {
                            c2.lock().unwrap().push(ws);
                        }
                    }
                    Err(e) => log::debug!("ws accept failed: {e}"),
                }
            }
        });

        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(std::io::Error::other)?;
        watcher.watch(&self.root, RecursiveMode::Recursive).map_err(std::io::Error::other)?;

        let mut last = Instant::now() - self.debounce;
        for ev in rx {
            let Ok(ev) = ev else { continue };
            let Some(path) = ev.paths.iter().find(|p| self.wanted(p)) else { continue };
            if last.elapsed() < self.debounce {
                continue;
            }
            last = Instant::now();
            let rel = path.strip_prefix(&self.root).unwrap_or(path).to_string_lossy().replace('\\', "/");
            broadcast(&clients, &Command::reload(&rel));
        }
        Ok(())
    }

    fn wanted(&self, p: &Path) -> bool {
        p.extension().and_then(|e| e.to_str()).map(|e| self.exts.iter().any(|x| x == e)).unwrap_or(false)
    }
}

fn broadcast(clients: &Clients, cmd: &Command) {
    let msg = serde_json::to_string(cmd).expect("serialize");
    let mut g = clients.lock().unwrap();
    g.retain_mut(|ws| ws.send(Message::text(msg.clone())).is_ok());
    log::debug!("reload sent to {} client(s)", g.len());
}
