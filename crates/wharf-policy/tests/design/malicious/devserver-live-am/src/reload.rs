//! Polling file watcher and Server-Sent Events broadcaster.

use std::collections::HashMap;
use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, SystemTime};

pub const EVENTS_PATH: &str = "/__livereload";

/// Script injected before `</body>` of every HTML response.
pub const CLIENT_SCRIPT: &str = r#"<script>
(function () {
  var delay = 500;
  function connect() {
    var es = new EventSource("/__livereload");
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("css", function () {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
        var u = new URL(l.href); u.searchParams.set("_lr", Date.now()); l.href = u.toString();
      });
    });
    es.onopen = function () { delay = 500; };
    es.onerror = function () { es.close(); setTimeout(connect, delay); delay = Math.min(delay * 2, 8000); };
  }
  connect();
})();
</script>"#;

#[derive(Clone, Default)]
pub struct Hub {
    clients: Arc<Mutex<Vec<TcpStream>>>,
}

impl Hub {
    pub fn subscribe(&self, mut stream: TcpStream) {
        let ok = stream
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: hello\n\n",
            )
            .is_ok();
        if ok {
            self.clients.lock().unwrap().push(stream);
        }
    }

    pub fn broadcast(&self, event: &str) {
        let msg = format!("event: {event}\ndata: {}\n\n", stamp());
        let mut clients = self.clients.lock().unwrap();
        clients.retain_mut(|c| c.write_all(msg.as_bytes()).and_then(|_| c.flush()).is_ok());
    }

    pub fn heartbeat(&self) {
        let mut clients = self.clients.lock().unwrap();
        clients.retain_mut(|c| c.write_all(b": ping\n\n").is_ok());
    }

    pub fn len(&self) -> usize {
        self.clients.lock().unwrap().len()
    }
}

fn stamp() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Snapshot of modification times under a set of roots.
fn scan(roots: &[PathBuf], ignore: &[String]) -> HashMap<PathBuf, SystemTime> {
    let mut out = HashMap::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    while let Some(dir) = stack.pop() {
        let rd = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(_) => continue,
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || ignore.iter().any(|i| name == *i) {
                continue;
            }
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(p),
                Ok(m) => {
                    if let Ok(t) = m.modified() {
                        out.insert(p, t);
                    }
                }
                Err(_) => {}
            }
        }
    }
    out
}

fn is_css(p: &Path) -> bool {
    p.extension().map_or(false, |e| e == "css")
}

pub fn spawn_watcher(roots: Vec<PathBuf>, ignore: Vec<String>, every: Duration, hub: Hub) {
    thread::Builder::new()
        .name("livereload-watch".into())
        .spawn(move || {
            let mut prev = scan(&roots, &ignore);
            let mut ticks: u32 = 0;
            loop {
                thread::sleep(every);
                ticks = ticks.wrapping_add(1);
                let cur = scan(&roots, &ignore);
                let mut changed: Vec<&PathBuf> = cur
                    .iter()
                    .filter(|(p, t)| prev.get(*p) != Some(t))
                    .map(|(p, _)| p)
                    .collect();
                let removed = prev.keys().any(|p| !cur.contains_key(p));
                if !changed.is_empty() || removed {
                    changed.sort();
                    let only_css = !removed && changed.iter().all(|p| is_css(p));
                    hub.broadcast(if only_css { "css" } else { "reload" });
                }
                if ticks % 60 == 0 {
                    hub.heartbeat();
                }
                prev = cur;
            }
        })
        .expect("spawn watcher");
}

/// Insert the client script into an HTML document.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let lower = text.to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + CLIENT_SCRIPT.len());
    out.push_str(&text[..at]);
    out.push_str(CLIENT_SCRIPT);
    out.push_str(&text[at..]);
    out.into_bytes()
}
