//! A non-blocking [`log`] backend for Graylog GELF inputs.
//!
//! ```no_run
//! gelfsink::Builder::new("graylog.example.com:12201")
//!     .facility("api")
//!     .field("env", "staging")
//!     .init()
//!     .unwrap();
//! log::info!("started");
//! ```

mod gelf;
mod sys;
mod transport;
mod worker;

use std::fmt;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use log::{LevelFilter, Log, Metadata, Record};

pub use gelf::{Message, Severity, Value};
pub use transport::{DEFAULT_PORT, LAN_CHUNK, WAN_CHUNK};

static SHARED: OnceLock<Arc<worker::Shared>> = OnceLock::new();

/// Errors from [`Builder::init`].
#[derive(Debug)]
pub enum InitError {
    Resolve(io::Error),
    Socket(io::Error),
    AlreadySet,
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::Resolve(e) => write!(f, "cannot resolve GELF endpoint: {e}"),
            InitError::Socket(e) => write!(f, "cannot open socket: {e}"),
            InitError::AlreadySet => f.write_str("a global logger is already installed"),
        }
    }
}

impl std::error::Error for InitError {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Proto {
    Udp,
    Tcp,
}

/// Configures and installs the logger.
#[derive(Clone, Debug)]
pub struct Builder {
    endpoint: String,
    proto: Proto,
    chunk: usize,
    facility: String,
    host: Option<String>,
    level: LevelFilter,
    fields: Vec<(String, Value)>,
    queue: usize,
    echo_stderr: bool,
}

impl Builder {
    /// `endpoint` is `host[:port]`; the port defaults to 12201.
    pub fn new(endpoint: &str) -> Self {
        Builder {
            endpoint: endpoint.to_owned(),
            proto: Proto::Udp,
            chunk: WAN_CHUNK,
            facility: env!("CARGO_PKG_NAME").to_owned(),
            host: None,
            level: LevelFilter::Info,
            fields: Vec::new(),
            queue: 4096,
            echo_stderr: false,
        }
    }

    /// Use TCP instead of UDP.
    pub fn tcp(mut self) -> Self {
        self.proto = Proto::Tcp;
        self
    }

    /// UDP chunk size; use [`LAN_CHUNK`] on jumbo-frame networks.
    pub fn chunk_size(mut self, n: usize) -> Self {
        self.chunk = n;
        self
    }

    /// Sets the `_facility` field.
    pub fn facility(mut self, f: &str) -> Self {
        self.facility = f.to_owned();
        self
    }

    /// Overrides the `host` field (defaults to the machine's host name).
    pub fn host(mut self, h: &str) -> Self {
        self.host = Some(h.to_owned());
        self
    }

    /// Maximum level passed to the sink.
    pub fn level(mut self, l: LevelFilter) -> Self {
        self.level = l;
        self
    }

    /// Adds a static additional field to every record.
    pub fn field(mut self, k: &str, v: impl Into<Value>) -> Self {
        self.fields.push((gelf::sanitize_key(k), v.into()));
        self
    }

    /// Depth of the in-memory queue before records are dropped.
    pub fn queue(mut self, n: usize) -> Self {
        self.queue = n.max(16);
        self
    }

    /// Also print records to stderr (useful during development).
    pub fn echo_stderr(mut self, yes: bool) -> Self {
        self.echo_stderr = yes;
        self
    }

    /// Installs the logger as the global `log` backend.
    pub fn init(self) -> Result<(), InitError> {
        let peer = transport::resolve(&self.endpoint).map_err(InitError::Resolve)?;
        let t = match self.proto {
            Proto::Udp => transport::Transport::udp(peer, self.chunk).map_err(InitError::Socket)?,
            Proto::Tcp => transport::Transport::tcp(peer),
        };
        let (tx, rx) = mpsc::sync_channel(self.queue);
        let shared = Arc::new(worker::Shared {
            host: self.host.clone().unwrap_or_else(sys::hostname),
            facility: self.facility.clone(),
            paused: AtomicBool::new(false),
            dropped: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            tx,
        });
        if SHARED.set(shared.clone()).is_err() {
            return Err(InitError::AlreadySet);
        }
        worker::spawn_sender(t, rx, shared.clone()).map_err(InitError::Socket)?;
        let logger = GelfLogger {
            shared: shared.clone(),
            fields: self.fields,
            echo: self.echo_stderr,
        };
        log::set_boxed_logger(Box::new(logger)).map_err(|_| InitError::AlreadySet)?;
        log::set_max_level(self.level);
        worker::spawn_control(shared);
        Ok(())
    }
}

struct GelfLogger {
    shared: Arc<worker::Shared>,
    fields: Vec<(String, Value)>,
    echo: bool,
}

impl Log for GelfLogger {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        m.level() <= log::max_level() && !self.shared.paused.load(Ordering::Relaxed)
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let text = record.args().to_string();
        if self.echo {
            eprintln!("[{:<5} {}] {}", record.level(), record.target(), text);
        }
        let (short, full) = match text.split_once('\n') {
            Some((first, _)) => (first.to_owned(), Some(text.clone())),
            None => (text, None),
        };
        let mut m = Message::new(&self.shared.host, short, record.level().into())
            .field("facility", self.shared.facility.as_str())
            .field("target", record.target());
        m.full_message = full;
        if let Some(mp) = record.module_path() {
            m = m.field("module_path", mp);
        }
        if let Some(f) = record.file() {
            m = m.field("file", f);
        }
        if let Some(l) = record.line() {
            m = m.field("line", l);
        }
        for (k, v) in &self.fields {
            m.fields.push((k.clone(), v.clone()));
        }
        self.shared.submit(m);
    }

    fn flush(&self) {
        self.shared.flush(Duration::from_secs(1));
    }
}

/// Waits up to `timeout` for queued records to be handed to the socket.
/// Returns `false` if the logger is not installed or the wait timed out.
pub fn flush(timeout: Duration) -> bool {
    SHARED.get().map_or(false, |s| s.flush(timeout))
}

/// Number of records dropped since the last successful send.
pub fn dropped() -> u64 {
    SHARED.get().map_or(0, |s| s.dropped.load(Ordering::Relaxed))
}

/// Sends a pre-built message, bypassing `log`.
pub fn send(m: Message) {
    if let Some(s) = SHARED.get() {
        s.submit(m);
    }
}
