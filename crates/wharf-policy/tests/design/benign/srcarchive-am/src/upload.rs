//! Upload of a finished archive to a caller-chosen endpoint.
//!
//! Compiled only with the `upload` feature. There is deliberately no default
//! URL: callers must name the destination, and plain `http://` is refused
//! unless the host is loopback.

use std::io;
use std::path::Path;
use std::time::Duration;

pub struct Upload {
    url: String,
    headers: Vec<(String, String)>,
    timeout: Duration,
    method: &'static str,
}

fn check_url(url: &str) -> io::Result<()> {
    let ok = url.starts_with("https://")
        || url.starts_with("http://127.0.0.1")
        || url.starts_with("http://localhost")
        || url.starts_with("http://[::1]");
    if ok {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, "refusing to upload source over plain http"))
    }
}

impl Upload {
    pub fn to(url: impl Into<String>) -> Upload {
        Upload { url: url.into(), headers: Vec::new(), timeout: Duration::from_secs(120), method: "PUT" }
    }

    pub fn header(mut self, k: &str, v: &str) -> Upload {
        self.headers.push((k.to_owned(), v.to_owned()));
        self
    }

    pub fn post(mut self) -> Upload {
        self.method = "POST";
        self
    }

    pub fn timeout(mut self, d: Duration) -> Upload {
        self.timeout = d;
        self
    }

    pub fn send_bytes(&self, body: &[u8]) -> io::Result<u16> {
        check_url(&self.url)?;
        let agent = ureq::AgentBuilder::new().timeout(self.timeout).build();
        let mut req = agent.request(self.method, &self.url).set("Content-Type", "application/gzip");
        for (k, v) in &self.headers {
            req = req.set(k, v);
        }
        match req.send_bytes(body) {
            Ok(r) => Ok(r.status()),
            Err(ureq::Error::Status(code, _)) => Err(io::Error::new(io::ErrorKind::Other, format!("server returned {code}"))),
            Err(e) => Err(io::Error::new(io::ErrorKind::Other, e.to_string())),
        }
    }

    pub fn send_file(&self, path: impl AsRef<Path>) -> io::Result<u16> {
        let data = std::fs::read(path)?;
        self.send_bytes(&data)
    }
}
