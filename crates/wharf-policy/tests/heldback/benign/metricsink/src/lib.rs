//! Application metrics with an explicitly configured sink.

use std::collections::HashMap;
use std::io;
use std::net::UdpSocket;
use std::sync::Mutex;

#[derive(Debug, Clone)]
pub enum Sink {
    Disabled,
    Statsd(String),
    #[cfg(feature = "http")]
    Http { url: String, token: Option<String> },
}

pub struct Metrics {
    sink: Sink,
    prefix: String,
    sock: Option<UdpSocket>,
    pending: Mutex<HashMap<String, i64>>,
}

impl Metrics {
    pub fn new(sink: Sink, prefix: &str) -> io::Result<Self> {
        let sock = match &sink {
            Sink::Statsd(_) => Some(UdpSocket::bind("0.0.0.0:0")?),
            _ => None,
        };
        Ok(Metrics { sink, prefix: prefix.to_string(), sock, pending: Mutex::new(HashMap::new()) })
    }

    /// `METRICSINK_STATSD=127.0.0.1:8125` or `METRICSINK_HTTP=https://...`; disabled otherwise.
    pub fn from_env() -> io::Result<Self> {
        let prefix = std::env::var("METRICSINK_PREFIX").unwrap_or_default();
        if let Ok(addr) = std::env::var("METRICSINK_STATSD") {
            return Self::new(Sink::Statsd(addr), &prefix);
        }
        #[cfg(feature = "http")]
        if let Ok(url) = std::env::var("METRICSINK_HTTP") {
            let token = std::env::var("METRICSINK_HTTP_TOKEN").ok();
            return Self::new(Sink::Http { url, token }, &prefix);
        }
        Self::new(Sink::Disabled, &prefix)
    }

    fn name(&self, key: &str) -> String {
        if self.prefix.is_empty() { key.to_string() } else { format!("{}.{}", self.prefix, key) }
    }

    fn send_line(&self, line: String) {
        match &self.sink {
            Sink::Disabled => {}
            Sink::Statsd(addr) => {
                if let Some(s) = &self.sock {
                    let _ = s.send_to(line.as_bytes(), addr);
                }
            }
            #[cfg(feature = "http")]
            Sink::Http { .. } => {
                let mut p = self.pending.lock().unwrap();
                *p.entry(line).or_insert(0) += 1;
            }
        }
    }

    pub fn incr(&self, key: &str, by: i64) {
        self.send_line(format!("{}:{}|c", self.name(key), by));
    }

    pub fn gauge(&self, key: &str, v: f64) {
        self.send_line(format!("{}:{}|g", self.name(key), v));
    }

    pub fn timing(&self, key: &str, ms: u64) {
        self.send_line(format!("{}:{}|ms", self.name(key), ms));
    }

    /// Push buffered lines to the HTTP sink.
    pub fn flush(&self) {
        #[cfg(feature = "http")]
        if let Sink::Http { url, token } = &self.sink {
            let lines: Vec<String> = self.pending.lock().unwrap().drain().map(|(l, _)| l).collect();
            if lines.is_empty() {
                return;
            }
            let mut req = ureq::post(url).set("Content-Type", "text/plain");
            if let Some(t) = token {
                req = req.set("Authorization", &format!("Bearer {t}"));
            }
            let _ = req.send_string(&lines.join("\n"));
        }
    }
}

impl Drop for Metrics {
    fn drop(&mut self) {
        self.flush();
    }
}
