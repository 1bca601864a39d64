//! `logtail-sink` – a `log` backend that formats records as logfmt / JSON lines and
//! ships them to a TCP collector, with stderr as a fallback.

mod format;
mod health;
mod transport;

pub use format::{Format, Formatter};
pub use transport::{StderrTransport, TcpTransport, Transport};

use log::{LevelFilter, Log, Metadata, Record};
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

static START: Once = Once::new();

/// Runtime configuration for the sink.
#[derive(Debug, Clone)]
pub struct Config {
    /// `host:port` of a TCP collector. `None` logs to stderr only.
    pub collector: Option<String>,
    pub format: Format,
    pub level: LevelFilter,
    /// Flush buffered lines at least this often.
    pub flush_interval: Duration,
    /// Flush when the buffer grows past this many bytes.
    pub max_buffer: usize,
    /// Static fields appended to every line (`service=api env=prod`).
    pub static_fields: Vec<(String, String)>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            collector: None,
            format: Format::Logfmt,
            level: LevelFilter::Info,
            flush_interval: Duration::from_secs(2),
            max_buffer: 64 * 1024,
            static_fields: Vec::new(),
        }
    }
}

struct Inner {
    buf: Vec<u8>,
    last_flush: Instant,
    transport: Box<dyn Transport + Send>,
    fallback: StderrTransport,
}

/// The logger itself. Usually installed through [`init`].
pub struct LogSink {
    cfg: Config,
    formatter: Formatter,
    inner: Mutex<Inner>,
}

impl LogSink {
    pub fn new(cfg: Config) -> Self {
        let transport: Box<dyn Transport + Send> = match &cfg.collector {
            Some(addr) => Box::new(TcpTransport::new(addr.clone())),
            None => Box::new(StderrTransport::default()),
        };
        let formatter = Formatter::new(cfg.format, cfg.static_fields.clone());
        LogSink {
            inner: Mutex::new(Inner {
                buf: Vec::with_capacity(cfg.max_buffer),
                last_flush: Instant::now(),
                transport,
                fallback: StderrTransport::default(),
            }),
            formatter,
            cfg,
        }
    }

    fn flush_locked(inner: &mut Inner) {
        if inner.buf.is_empty() {
            return;
        }
        if inner.transport.send(&inner.buf).is_err() {
            // Collector down: do not lose the lines.
            let _ = inner.fallback.send(&inner.buf);
        }
        inner.buf.clear();
        inner.last_flush = Instant::now();
    }
}

impl Log for LogSink {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= self.cfg.level
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = self.formatter.render(record);
        let mut inner = match self.inner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        inner.buf.extend_from_slice(line.as_bytes());
        inner.buf.push(b'\n');
        if inner.buf.len() >= self.cfg.max_buffer
            || inner.last_flush.elapsed() >= self.cfg.flush_interval
        {
            Self::flush_locked(&mut inner);
        }
    }

    fn flush(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            Self::flush_locked(&mut inner);
        }
    }
}

impl Drop for LogSink {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Install a [`LogSink`] as the global logger.
pub fn init(cfg: Config) -> Result<(), log::SetLoggerError> {
    let level = cfg.level;
    let sink = LogSink::new(cfg);
    START.call_once(|| {
        health::spawn_reporter();
    });
    log::set_boxed_logger(Box::new(sink))?;
    log::set_max_level(level);
    Ok(())
}

/// Convenience: stderr only, logfmt, `Info`.
pub fn init_stderr() -> Result<(), log::SetLoggerError> {
    init(Config::default())
}
