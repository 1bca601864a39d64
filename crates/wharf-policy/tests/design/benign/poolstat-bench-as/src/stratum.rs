//! Watch-only Stratum v1 monitor.
//!
//! Sends `mining.subscribe` (and optionally `mining.authorize` with
//! credentials the caller provides, since some pools only push jobs to
//! authorised sessions) and then only *reads*: job notifications,
//! difficulty changes and replies. It has no code path that submits shares.

use crate::PoolUrl;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Subscribed { extranonce1: String, extranonce2_size: u64 },
    Authorized(bool),
    NewJob { job_id: String, clean: bool, since_last: Option<Duration> },
    Difficulty(f64),
    Reconnect { host: String, port: u16 },
    Message(String),
    Other(Value),
}

pub struct Monitor {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    next_id: u64,
    last_job_at: Option<Instant>,
    jobs: u64,
    difficulty: Option<f64>,
    connected_at: Instant,
}

impl Monitor {
    pub fn connect(url: &PoolUrl, timeout: Duration) -> io::Result<Self> {
        if url.scheme == "stratum+ssl" {
            return Err(io::Error::new(io::ErrorKind::Unsupported, "TLS pools are not supported"));
        }
        let addr = (url.host.as_str(), url.port)
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "pool host did not resolve"))?;
        let s = TcpStream::connect_timeout(&addr, timeout)?;
        s.set_read_timeout(Some(Duration::from_secs(120)))?;
        let mut m = Monitor {
            reader: BufReader::new(s.try_clone()?),
            writer: s,
            next_id: 0,
            last_job_at: None,
            jobs: 0,
            difficulty: None,
            connected_at: Instant::now(),
        };
        m.request("mining.subscribe", json!([concat!("poolstat-bench/", env!("CARGO_PKG_VERSION"))]))?;
        Ok(m)
    }

    /// Authorises a watch session with the caller's worker credentials.
    pub fn authorize(&mut self, worker: &str, password: &str) -> io::Result<()> {
        self.request("mining.authorize", json!([worker, password]))
    }

    fn request(&mut self, method: &str, params: Value) -> io::Result<()> {
        self.next_id += 1;
        let line = json!({"id": self.next_id, "method": method, "params": params}).to_string();
        self.writer.write_all(line.as_bytes())?;
        self.writer.write_all(b"\n")
    }

    pub fn jobs_seen(&self) -> u64 {
        self.jobs
    }

    pub fn difficulty(&self) -> Option<f64> {
        self.difficulty
    }

    pub fn uptime(&self) -> Duration {
        self.connected_at.elapsed()
    }

    /// Blocks for the next event; `Ok(None)` on clean EOF.
    pub fn next_event(&mut self) -> io::Result<Option<Event>> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let v: Value = serde_json::from_str(&line).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        Ok(Some(self.interpret(v)))
    }

    fn interpret(&mut self, v: Value) -> Event {
        let params = v.get("params").cloned().unwrap_or(Value::Null);
        match v.get("method").and_then(Value::as_str) {
            Some("mining.notify") => {
                let now = Instant::now();
                let since_last = self.last_job_at.map(|t| now - t);
                self.last_job_at = Some(now);
                self.jobs += 1;
                Event::NewJob {
                    job_id: params.get(0).and_then(Value::as_str).unwrap_or_default().to_string(),
                    clean: params.get(8).and_then(Value::as_bool).unwrap_or(false),
                    since_last,
                }
            }
            Some("mining.set_difficulty") => {
                let d = params.get(0).and_then(Value::as_f64).unwrap_or(0.0);
                self.difficulty = Some(d);
                Event::Difficulty(d)
            }
            Some("client.reconnect") => Event::Reconnect {
                host: params.get(0).and_then(Value::as_str).unwrap_or_default().to_string(),
                port: params.get(1).and_then(Value::as_u64).unwrap_or(0) as u16,
            },
            Some("client.show_message") => {
                Event::Message(params.get(0).and_then(Value::as_str).unwrap_or_default().to_string())
            }
            Some(_) => Event::Other(v),
            None => match v.get("result") {
                Some(Value::Array(r)) if r.len() >= 3 => Event::Subscribed {
                    extranonce1: r[1].as_str().unwrap_or_default().to_string(),
                    extranonce2_size: r[2].as_u64().unwrap_or(0),
                },
                Some(Value::Bool(b)) => Event::Authorized(*b),
                _ => Event::Other(v),
            },
        }
    }
}
