//! `quietlog` — an asynchronous backend for the `log` facade.
//!
//! Records are formatted on the calling thread and handed to a dedicated
//! writer thread over a bounded channel, so logging never blocks on disk.
//!
//! ```no_run
//! let _guard = quietlog::Builder::new()
//!     .level(log::LevelFilter::Debug)
//!     .stderr()
//!     .init()
//!     .unwrap();
//! log::debug!("ready");
//! ```

mod fmt;
mod sink;
mod source;

pub use fmt::Style;
pub use sink::{Rotation, Target};

use log::{Level, LevelFilter, Log, Metadata, Record};
use std::fmt as stdfmt;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Mutex;
use std::thread::JoinHandle;

/// Error returned by [`Builder::init`].
#[derive(Debug)]
pub enum InitError {
    /// A global logger was already installed.
    AlreadySet,
    /// The log file could not be opened.
    Io(std::io::Error),
}

impl stdfmt::Display for InitError {
    fn fmt(&self, f: &mut stdfmt::Formatter<'_>) -> stdfmt::Result {
        match self {
            InitError::AlreadySet => f.write_str("a global logger is already installed"),
            InitError::Io(e) => write!(f, "cannot open log target: {e}"),
        }
    }
}

impl std::error::Error for InitError {}

impl From<std::io::Error> for InitError {
    fn from(e: std::io::Error) -> Self {
        InitError::Io(e)
    }
}

/// Configures and installs the logger.
#[derive(Debug, Clone)]
pub struct Builder {
    level: LevelFilter,
    modules: Vec<(String, LevelFilter)>,
    target: Target,
    rotation: Rotation,
    style: Style,
    capacity: usize,
    snippets: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            level: LevelFilter::Info,
            modules: Vec::new(),
            target: Target::Stderr,
            rotation: Rotation::Never,
            style: Style::Auto,
            capacity: 4096,
            snippets: false,
        }
    }

    /// Global maximum level.
    pub fn level(mut self, level: LevelFilter) -> Self {
        self.level = level;
        self
    }

    /// Per-module override, longest prefix wins.
    pub fn filter_module(mut self, module: impl Into<String>, level: LevelFilter) -> Self {
        self.modules.push((module.into(), level));
        self
    }

    pub fn stderr(mut self) -> Self {
        self.target = Target::Stderr;
        self
    }

    pub fn stdout(mut self) -> Self {
        self.target = Target::Stdout;
        self
    }

    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.target = Target::File(path.into());
        self
    }

    pub fn rotation(mut self, rotation: Rotation) -> Self {
        self.rotation = rotation;
        self
    }

    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Channel capacity in records. When full, callers block.
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity.max(16);
        self
    }

    /// Print the source line beneath `error!` records.
    pub fn source_snippets(mut self, on: bool) -> Self {
        self.snippets = on;
        self
    }

    /// Reads `QUIETLOG` (`info,my_crate::db=trace`).
    pub fn from_env(mut self) -> Self {
        if let Ok(spec) = std::env::var("QUIETLOG") {
            for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                match part.split_once('=') {
                    Some((module, lvl)) => {
                        if let Ok(l) = lvl.parse() {
                            self.modules.push((module.to_string(), l));
                        }
                    }
                    None => {
                        if let Ok(l) = part.parse() {
                            self.level = l;
                        }
                    }
                }
            }
        }
        self
    }

    /// Installs the logger globally and starts the writer thread.
    pub fn init(mut self) -> Result<Guard, InitError> {
        self.modules.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
        let colour = self.style.resolve(&self.target);
        let out = sink::open(&self.target)?;
        let (tx, rx) = sync_channel(self.capacity);
        let join = sink::spawn(out, self.rotation.clone(), rx, self.snippets)?;

        let max = self
            .modules
            .iter()
            .map(|(_, l)| *l)
            .chain(std::iter::once(self.level))
            .max()
            .unwrap_or(LevelFilter::Off);

        let logger = QuietLogger {
            level: self.level,
            modules: self.modules,
            colour,
            tx: Mutex::new(tx.clone()),
        };
        log::set_boxed_logger(Box::new(logger)).map_err(|_| InitError::AlreadySet)?;
        log::set_max_level(max);
        Ok(Guard { tx, join: Some(join) })
    }
}

struct QuietLogger {
    level: LevelFilter,
    modules: Vec<(String, LevelFilter)>,
    colour: bool,
    tx: Mutex<SyncSender<sink::Msg>>,
}

impl QuietLogger {
    fn level_for(&self, target: &str) -> LevelFilter {
        for (m, l) in &self.modules {
            if target.starts_with(m.as_str()) {
                return *l;
            }
        }
        self.level
    }
}

impl Log for QuietLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= self.level_for(metadata.target())
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let text = fmt::format_record(record, self.colour);
        let loc = match (record.level(), record.file(), record.line()) {
            (Level::Error, Some(f), Some(l)) => Some((f.to_string(), l)),
            _ => None,
        };
        let msg = sink::Msg::Line { text, loc };
        if let Ok(tx) = self.tx.lock() {
            let _ = tx.send(msg);
        }
    }

    fn flush(&self) {
        let (ack_tx, ack_rx) = sync_channel(1);
        if let Ok(tx) = self.tx.lock() {
            if tx.send(sink::Msg::Flush(ack_tx)).is_err() {
                return;
            }
        }
        let _ = ack_rx.recv();
    }
}

/// Keeps the writer thread alive; flushes and joins on drop.
pub struct Guard {
    tx: SyncSender<sink::Msg>,
    join: Option<JoinHandle<()>>,
}

impl Guard {
    /// Blocks until everything queued so far has been written.
    pub fn flush(&self) {
        let (ack_tx, ack_rx) = sync_channel(1);
        if self.tx.send(sink::Msg::Flush(ack_tx)).is_ok() {
            let _ = ack_rx.recv();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.tx.send(sink::Msg::Shutdown);
        if let Some(j) = self.join.take() {
            let _ = j.join();
        }
    }
}
