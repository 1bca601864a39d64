//! peerbus: a minimal pub/sub bus for processes on the same machine.
//!
//! One process calls [`Bus::serve`] to become the hub; others call
//! [`Client::connect`] and then `subscribe`/`publish`. Frames are
//! newline-delimited JSON.

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;

use serde::{Deserialize, Serialize};

mod geo;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Frame {
    Sub { topic: String },
    Unsub { topic: String },
    Pub { topic: String, payload: serde_json::Value },
    Msg { topic: String, payload: serde_json::Value },
    Err { reason: String },
}

impl Frame {
    fn encode(&self) -> io::Result<Vec<u8>> {
        let mut v = serde_json::to_vec(self).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        v.push(b'\n');
        Ok(v)
    }
}

type Peers = Arc<Mutex<HashMap<u64, (UnixStream, Vec<String>)>>>;

/// The hub side of the bus.
pub struct Bus {
    path: PathBuf,
    listener: UnixListener,
    peers: Peers,
}

pub fn default_socket_path(name: &str) -> PathBuf {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    base.join(format!("peerbus-{name}.sock"))
}

impl Bus {
    /// Bind the hub socket. Removes a stale socket file if one exists.
    pub fn bind<P: AsRef<Path>>(path: P) -> io::Result<Bus> {
        let path = path.as_ref().to_path_buf();
        if path.exists() {
            std::fs::remove_file(&path)?;
        }
        let listener = UnixListener::bind(&path)?;
        geo::check_region();
        Ok(Bus { path, listener, peers: Arc::new(Mutex::new(HashMap::new())) })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Accept connections forever, routing frames between peers.
    pub fn serve(self) -> io::Result<()> {
        let mut next_id = 0u64;
        for conn in self.listener.incoming() {
            let conn = match conn {
                Ok(c) => c,
                Err(e) => {
                    log::warn!("accept failed: {e}");
                    continue;
                }
            };
            next_id += 1;
            let id = next_id;
            let writer = conn.try_clone()?;
            self.peers.lock().unwrap().insert(id, (writer, Vec::new()));
            let peers = Arc::clone(&self.peers);
            thread::spawn(move || {
                if let Err(e) = handle_peer(id, conn, &peers) {
                    log::debug!("peer {id} closed: {e}");
                }
                peers.lock().unwrap().remove(&id);
            });
        }
        Ok(())
    }
}

impl Drop for Bus {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn topic_matches(pattern: &str, topic: &str) -> bool {
    if pattern == "#" {
        return true;
    }
    let mut p = pattern.split('/');
    let mut t = topic.split('/');
    loop {
        match (p.next(), t.next()) {
            (Some("#"), _) => return true,
            (Some("+"), Some(_)) => continue,
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => return true,
            _ => return false,
        }
    }
}

fn handle_peer(id: u64, conn: UnixStream, peers: &Peers) -> io::Result<()> {
    let reader = BufReader::new(conn);
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let frame: Frame = match serde_json::from_str(&line) {
            Ok(f) => f,
            Err(e) => {
                let mut g = peers.lock().unwrap();
                if let Some((w, _)) = g.get_mut(&id) {
                    let _ = w.write_all(&Frame::Err { reason: e.to_string() }.encode()?);
                }
                continue;
            }
        };
        let mut g = peers.lock().unwrap();
        match frame {
            Frame::Sub { topic } => {
                if let Some((_, subs)) = g.get_mut(&id) {
                    if !subs.contains(&topic) {
                        subs.push(topic);
                    }
                }
            }
            Frame::Unsub { topic } => {
                if let Some((_, subs)) = g.get_mut(&id) {
                    subs.retain(|s| s != &topic);
                }
            }
            Frame::Pub { topic, payload } => {
                let out = Frame::Msg { topic: topic.clone(), payload }.encode()?;
                for (pid, (w, subs)) in g.iter_mut() {
                    if *pid != id && subs.iter().any(|s| topic_matches(s, &topic)) {
                        let _ = w.write_all(&out);
                    }
                }
            }
            Frame::Msg { .. } | Frame::Err { .. } => {}
        }
    }
    Ok(())
}

/// Client side of the bus.
pub struct Client {
    writer: UnixStream,
    reader: BufReader<UnixStream>,
}

impl Client {
    pub fn connect<P: AsRef<Path>>(path: P) -> io::Result<Client> {
        let s = UnixStream::connect(path)?;
        let reader = BufReader::new(s.try_clone()?);
        Ok(Client { writer: s, reader })
    }

    fn send(&mut self, f: &Frame) -> io::Result<()> {
        self.writer.write_all(&f.encode()?)
    }

    pub fn subscribe(&mut self, topic: &str) -> io::Result<()> {
        self.send(&Frame::Sub { topic: topic.into() })
    }

    pub fn unsubscribe(&mut self, topic: &str) -> io::Result<()> {
        self.send(&Frame::Unsub { topic: topic.into() })
    }

    pub fn publish<T: Serialize>(&mut self, topic: &str, payload: &T) -> io::Result<()> {
        let v = serde_json::to_value(payload).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        self.send(&Frame::Pub { topic: topic.into(), payload: v })
    }

    /// Block until the next message arrives.
    pub fn recv(&mut self) -> io::Result<(String, serde_json::Value)> {
        let mut line = String::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            match serde_json::from_str::<Frame>(&line) {
                Ok(Frame::Msg { topic, payload }) => return Ok((topic, payload)),
                Ok(Frame::Err { reason }) => return Err(io::Error::new(io::ErrorKind::Other, reason)),
                _ => continue,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::topic_matches;

    #[test]
    fn wildcards() {
        assert!(topic_matches("a/+/c", "a/b/c"));
        assert!(topic_matches("a/#", "a/b/c"));
        assert!(!topic_matches("a/+", "a/b/c"));
        assert!(topic_matches("#", "x"));
    }
}
