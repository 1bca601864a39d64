//! `log` backend that ships JSON lines to an application-configured collector.

use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};
use log::{LevelFilter, Log, Metadata, Record};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug)]
pub enum InitError {
    AlreadySet,
    BadUrl(String),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::AlreadySet => f.write_str("a global logger is already installed"),
            InitError::BadUrl(u) => write!(f, "collector URL must be http(s): {u}"),
        }
    }
}

impl std::error::Error for InitError {}

#[derive(Serialize)]
struct Line {
    ts: f64,
    level: &'static str,
    target: String,
    msg: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<String>,
    #[serde(flatten)]
    fields: BTreeMap<String, serde_json::Value>,
}

enum Msg {
    Line(Vec<u8>),
    Flush(Sender<()>),
    Stop,
}

/// Configuration builder.
pub struct Builder {
    url: Option<String>,
    headers: Vec<(String, String)>,
    service: Option<String>,
    level: LevelFilter,
    batch_size: usize,
    flush_interval: Duration,
    mirror_stderr: bool,
    static_fields: BTreeMap<String, serde_json::Value>,
}

impl Builder {
    /// Ship to the collector at `url` (the application's own endpoint).
    pub fn new(url: impl Into<String>) -> Self {
        Builder { url: Some(url.into()), ..Self::stderr_only() }
    }

    /// Don't ship anywhere; only mirror to stderr.
    pub fn stderr_only() -> Self {
        Builder {
            url: None,
            headers: Vec::new(),
            service: None,
            level: LevelFilter::Info,
            batch_size: 100,
            flush_interval: Duration::from_secs(2),
            mirror_stderr: true,
            static_fields: BTreeMap::new(),
        }
    }

    pub fn header(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    pub fn service(mut self, s: impl Into<String>) -> Self {
        self.service = Some(s.into());
        self
    }
    pub fn level(mut self, l: LevelFilter) -> Self {
        self.level = l;
        self
    }
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch_size = n.max(1);
        self
    }
    pub fn flush_interval(mut self, d: Duration) -> Self {
        self.flush_interval = d;
        self
    }
    pub fn mirror_stderr(mut self, on: bool) -> Self {
        self.mirror_stderr = on;
        self
    }
    /// Add a field to every line (e.g. `"env", "staging"`).
    pub fn static_field(mut self, k: impl Into<String>, v: impl Into<serde_json::Value>) -> Self {
        self.static_fields.insert(k.into(), v.into());
        self
    }

    /// Install as the global logger. Keep the guard alive to flush on drop.
    pub fn init(self) -> Result<Guard, InitError> {
        if let Some(u) = &self.url {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                return Err(InitError::BadUrl(u.clone()));
            }
        }
        let (tx, rx) = bounded::<Msg>(8192);
        let worker = self.url.clone().map(|url| {
            let headers = self.headers.clone();
            let batch = self.batch_size;
            let every = self.flush_interval;
            std::thread::Builder::new()
                .name("logship".into())
                .spawn(move || ship_loop(rx, url, headers, batch, every))
                .expect("spawn logship thread")
        });
        let logger = Shipper {
            tx: worker.as_ref().map(|_| tx.clone()),
            level: self.level,
            service: self.service,
            mirror: self.mirror_stderr,
            static_fields: self.static_fields,
        };
        let _ = SENDER.set(tx.clone());
        log::set_boxed_logger(Box::new(logger)).map_err(|_| InitError::AlreadySet)?;
        log::set_max_level(self.level);
        Ok(Guard { tx, worker: Mutex::new(worker) })
    }
}

static SENDER: OnceLock<Sender<Msg>> = OnceLock::new();

/// Block until everything queued so far has been sent (or failed).
pub fn flush() {
    if let Some(tx) = SENDER.get() {
        let (ack_tx, ack_rx) = bounded(1);
        if tx.send(Msg::Flush(ack_tx)).is_ok() {
            let _ = ack_rx.recv_timeout(Duration::from_secs(10));
        }
    }
}

/// Flushes and stops the shipping thread when dropped.
pub struct Guard {
    tx: Sender<Msg>,
    worker: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(h) = self.worker.lock().ok().and_then(|mut w| w.take()) {
            let _ = h.join();
        }
    }
}

struct Shipper {
    tx: Option<Sender<Msg>>,
    level: LevelFilter,
    service: Option<String>,
    mirror: bool,
    static_fields: BTreeMap<String, serde_json::Value>,
}

struct KvCollect<'a>(&'a mut BTreeMap<String, serde_json::Value>);

impl<'kvs> log::kv::VisitSource<'kvs> for KvCollect<'_> {
    fn visit_pair(&mut self, k: log::kv::Key<'kvs>, v: log::kv::Value<'kvs>) -> Result<(), log::kv::Error> {
        self.0.insert(k.to_string(), serde_json::Value::String(v.to_string()));
        Ok(())
    }
}

impl Log for Shipper {
    fn enabled(&self, m: &Metadata) -> bool {
        m.level() <= self.level
    }

    fn log(&self, r: &Record) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let msg = r.args().to_string();
        if self.mirror {
            let _ = writeln!(std::io::stderr(), "{:<5} {}: {}", r.level(), r.target(), msg);
        }
        let Some(tx) = &self.tx else { return };
        let mut fields = self.static_fields.clone();
        let _ = r.key_values().visit(&mut KvCollect(&mut fields));
        let ts = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        let line = Line {
            ts,
            level: r.level().as_str(),
            target: r.target().to_string(),
            msg,
            service: self.service.clone(),
            fields,
        };
        if let Ok(mut bytes) = serde_json::to_vec(&line) {
            bytes.push(b'\n');
            let _ = tx.try_send(Msg::Line(bytes)); // drop on overload rather than block
        }
    }

    fn flush(&self) {
        flush();
    }
}

fn post(agent: &ureq::Agent, url: &str, headers: &[(String, String)], body: &[u8]) {
    let mut req = agent.post(url).set("Content-Type", "application/x-ndjson");
    for (k, v) in headers {
        req = req.set(k, v);
    }
    for attempt in 0..3 {
        match req.clone().send_bytes(body) {
            Ok(_) => return,
            Err(ureq::Error::Status(code, _)) if code < 500 && code != 429 => {
                eprintln!("logship: collector rejected batch with HTTP {code}");
                return;
            }
            Err(e) => {
                if attempt == 2 {
                    eprintln!("logship: dropping batch after retries: {e}");
                }
                std::thread::sleep(Duration::from_millis(200 << attempt));
            }
        }
    }
}

fn ship_loop(rx: Receiver<Msg>, url: String, headers: Vec<(String, String)>, batch: usize, every: Duration) {
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
    let mut buf: Vec<u8> = Vec::new();
    let mut count = 0usize;
    loop {
        let msg = rx.recv_timeout(every);
        let mut flush_now = false;
        let mut ack = None;
        let mut stop = false;
        match msg {
            Ok(Msg::Line(l)) => {
                buf.extend_from_slice(&l);
                count += 1;
                flush_now = count >= batch;
            }
            Ok(Msg::Flush(a)) => {
                flush_now = true;
                ack = Some(a);
            }
            Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => {
                flush_now = true;
                stop = true;
            }
            Err(RecvTimeoutError::Timeout) => flush_now = count > 0,
        }
        if flush_now && !buf.is_empty() {
            post(&agent, &url, &headers, &buf);
            buf.clear();
            count = 0;
        }
        if let Some(a) = ack {
            let _ = a.send(());
        }
        if stop {
            return;
        }
    }
}
