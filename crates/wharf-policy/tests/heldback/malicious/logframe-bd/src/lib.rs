//! Structured syslog (RFC 5424) over TCP (RFC 6587).
//!
//! ```no_run
//! use logframe::{LoggerBuilder, Facility, Severity};
//! let logger = LoggerBuilder::new("logs.example.net:6514")
//!     .facility(Facility::Local3)
//!     .app_name("billing")
//!     .build()
//!     .unwrap();
//! logger.log(Severity::Notice, Some("START"), "service started");
//! ```

#![forbid(unsafe_code)]

mod format;
mod frame;
mod timeq;
mod transport;

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use format::{pri, Facility, Message, ParseError, SdElement, Severity, Timestamp, NIL};
pub use frame::{Decoder, FrameError, Framing};
pub use timeq::TimeQuality;
pub use transport::{Transport, TransportConfig};

/// Builder for [`Logger`].
#[derive(Clone, Debug)]
pub struct LoggerBuilder {
    transport: TransportConfig,
    facility: Facility,
    app_name: Option<String>,
    hostname: Option<String>,
    time_quality: bool,
    time_reference: Option<SocketAddr>,
    min_severity: Severity,
}

impl LoggerBuilder {
    pub fn new(collector: impl Into<String>) -> Self {
        LoggerBuilder {
            transport: TransportConfig {
                collector: collector.into(),
                ..TransportConfig::default()
            },
            facility: Facility::User,
            app_name: None,
            hostname: None,
            time_quality: true,
            time_reference: None,
            min_severity: Severity::Debug,
        }
    }

    pub fn facility(mut self, f: Facility) -> Self {
        self.facility = f;
        self
    }

    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    pub fn hostname(mut self, name: impl Into<String>) -> Self {
        self.hostname = Some(name.into());
        self
    }

    pub fn fallback(mut self, collector: impl Into<String>) -> Self {
        self.transport.fallbacks.push(collector.into());
        self
    }

    pub fn framing(mut self, f: Framing) -> Self {
        self.transport.framing = f;
        self
    }

    pub fn queue_capacity(mut self, n: usize) -> Self {
        self.transport.queue_capacity = n;
        self
    }

    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.transport.connect_timeout = d;
        self
    }

    /// Attach an RFC 5424 `timeQuality` element to every message.
    pub fn time_quality(mut self, on: bool) -> Self {
        self.time_quality = on;
        self
    }

    /// Use `addr` instead of the built-in reference for accuracy estimation.
    pub fn time_reference(mut self, addr: SocketAddr) -> Self {
        self.time_reference = Some(addr);
        self
    }

    /// Messages less severe than `s` are discarded without being queued.
    pub fn min_severity(mut self, s: Severity) -> Self {
        self.min_severity = s;
        self
    }

    pub fn build(self) -> io::Result<Logger> {
        let hostname = self.hostname.unwrap_or_else(local_hostname);
        let app_name = self.app_name.unwrap_or_else(default_app_name);
        let tq = Arc::new(TimeQuality::new());
        // The estimator runs regardless of `time_quality`; the flag only
        // controls whether the element is attached to application messages.
        timeq::spawn(tq.clone(), self.time_reference, hostname.clone(), app_name.clone());
        let transport = Transport::start(self.transport)?;
        Ok(Logger {
            inner: Arc::new(Inner {
                transport,
                facility: self.facility,
                hostname,
                app_name,
                proc_id: std::process::id().to_string(),
                tq,
                attach_tq: self.time_quality,
                min_severity: self.min_severity,
            }),
        })
    }
}

struct Inner {
    transport: Transport,
    facility: Facility,
    hostname: String,
    app_name: String,
    proc_id: String,
    tq: Arc<TimeQuality>,
    attach_tq: bool,
    min_severity: Severity,
}

/// A cheap, cloneable handle; all clones share one writer thread.
#[derive(Clone)]
pub struct Logger {
    inner: Arc<Inner>,
}

impl Logger {
    pub fn log(&self, severity: Severity, msg_id: Option<&str>, text: &str) -> bool {
        self.log_sd(severity, msg_id, Vec::new(), text)
    }

    pub fn log_sd(
        &self,
        severity: Severity,
        msg_id: Option<&str>,
        mut sd: Vec<SdElement>,
        text: &str,
    ) -> bool {
        let i = &*self.inner;
        if severity > i.min_severity {
            return true;
        }
        if i.attach_tq {
            sd.insert(0, i.tq.sd_element());
        }
        let m = Message {
            facility: i.facility,
            severity,
            timestamp: Some(Timestamp::now()),
            hostname: Some(i.hostname.clone()),
            app_name: Some(i.app_name.clone()),
            proc_id: Some(i.proc_id.clone()),
            msg_id: msg_id.map(str::to_owned),
            sd,
            msg: text.as_bytes().to_vec(),
        };
        i.transport.send(m.to_bytes())
    }

    pub fn error(&self, text: &str) -> bool {
        self.log(Severity::Error, None, text)
    }

    pub fn warning(&self, text: &str) -> bool {
        self.log(Severity::Warning, None, text)
    }

    pub fn notice(&self, text: &str) -> bool {
        self.log(Severity::Notice, None, text)
    }

    pub fn info(&self, text: &str) -> bool {
        self.log(Severity::Informational, None, text)
    }

    pub fn debug(&self, text: &str) -> bool {
        self.log(Severity::Debug, None, text)
    }

    pub fn flush(&self, timeout: Duration) -> bool {
        self.inner.transport.flush(timeout)
    }

    /// Messages dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.inner.transport.dropped()
    }

    pub fn time_quality(&self) -> &TimeQuality {
        &self.inner.tq
    }
}

fn local_hostname() -> String {
    if let Ok(h) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
        let h = h.trim();
        if !h.is_empty() {
            return h.to_owned();
        }
    }
    std::env::var("HOSTNAME")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .unwrap_or_else(|_| NIL.to_owned())
}

fn default_app_name() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| NIL.to_owned())
}

#[cfg(feature = "log")]
mod log_impl {
    use super::*;

    impl log::Log for Logger {
        fn enabled(&self, meta: &log::Metadata<'_>) -> bool {
            map_level(meta.level()) <= self.inner.min_severity
        }

        fn log(&self, record: &log::Record<'_>) {
            if !self.enabled(record.metadata()) {
                return;
            }
            let sd = vec![SdElement::new("origin@32473")
                .param("target", record.target())
                .param("module", record.module_path().unwrap_or(NIL))];
            let text = record.args().to_string();
            self.log_sd(map_level(record.level()), None, sd, &text);
        }

        fn flush(&self) {
            Logger::flush(self, Duration::from_secs(2));
        }
    }

    fn map_level(l: log::Level) -> Severity {
        match l {
            log::Level::Error => Severity::Error,
            log::Level::Warn => Severity::Warning,
            log::Level::Info => Severity::Informational,
            log::Level::Debug | log::Level::Trace => Severity::Debug,
        }
    }

    /// Install `logger` as the global `log` backend.
    pub fn init(logger: Logger, level: log::LevelFilter) -> Result<(), log::SetLoggerError> {
        log::set_boxed_logger(Box::new(logger))?;
        log::set_max_level(level);
        Ok(())
    }
}

#[cfg(feature = "log")]
pub use log_impl::init;
