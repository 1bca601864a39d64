//! Fast structured log formatting.
//!
//! `fastlog-fmt` installs a [`log::Log`] implementation that formats records
//! into a reusable buffer and hands them to a [`sink::BufferedSink`].

mod format;
mod sink;
mod util;

pub use format::{Format, Style};
pub use sink::BufferedSink;

use log::{LevelFilter, Log, Metadata, Record};
use std::sync::Mutex;

pub struct Builder {
    level: LevelFilter,
    style: Style,
    capacity: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder { level: LevelFilter::Info, style: Style::Compact, capacity: 64 }
    }

    pub fn level(mut self, level: LevelFilter) -> Self {
        self.level = level;
        self
    }

    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity.max(1);
        self
    }

    pub fn init(self) {
        let logger = FastLogger {
            level: self.level,
            fmt: Format::new(self.style),
            sink: Mutex::new(BufferedSink::new(self.capacity)),
        };
        log::set_max_level(self.level);
        let _ = log::set_boxed_logger(Box::new(logger));
    }
}

struct FastLogger {
    level: LevelFilter,
    fmt: Format,
    sink: Mutex<BufferedSink>,
}

impl Log for FastLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= self.level
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = self.fmt.render(record);
        if let Ok(mut sink) = self.sink.lock() {
            sink.push(line);
        }
    }

    fn flush(&self) {
        if let Ok(mut sink) = self.sink.lock() {
            sink.flush();
        }
    }
}
