//! `logline` — a small, fast backend for the [`log`] facade.
//!
//! * one line per record, in a human format or in logfmt,
//! * ANSI colour when the terminal supports it (16 / 256 / truecolor),
//! * per-module level filters (`LOGLINE=info,hyper=warn,my_app::db=trace`),
//! * an in-memory ring of the last N lines, for `--logs` style dumps through
//!   the user's pager,
//! * optional tailing of every line to a TCP collector.
//!
//! ```no_run
//! logline_ay::Builder::new()
//!     .level(log::LevelFilter::Info)
//!     .parse_env("LOGLINE")
//!     .ring(500)
//!     .init();
//! log::info!(target: "db", "connected in {} ms", 12);
//! ```

mod color;
mod pager;
mod ring;
mod tail;
mod time;

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::OnceLock;

use log::{Level, LevelFilter, Log, Metadata, Record, SetLoggerError};

pub use color::{nearest_256, palette_rgb, ColorChoice, ColorDepth};
pub use ring::Ring;

/// Output layout of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `2024-05-02T10:11:12.345Z INFO  db: connected in 12 ms`
    Human,
    /// `ts=2024-05-02T10:11:12.345Z level=info target=db msg="connected in 12 ms"`
    Logfmt,
}

/// Configures and installs the logger.
pub struct Builder {
    default: LevelFilter,
    directives: Vec<(String, LevelFilter)>,
    format: Format,
    color: ColorChoice,
    ring: usize,
    tail: Option<SocketAddr>,
    timestamps: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            default: LevelFilter::Info,
            directives: Vec::new(),
            format: Format::Human,
            color: ColorChoice::Auto,
            ring: 0,
            tail: None,
            timestamps: true,
        }
    }

    /// Level for targets not matched by any directive.
    pub fn level(mut self, level: LevelFilter) -> Self {
        self.default = level;
        self
    }

    /// Level for one target prefix (`"hyper"`, `"my_app::db"`).
    pub fn filter_module(mut self, prefix: &str, level: LevelFilter) -> Self {
        self.directives.push((prefix.to_owned(), level));
        self
    }

    /// Parse `env_logger`-style directives from an environment variable.
    pub fn parse_env(self, var: &str) -> Self {
        match std::env::var(var) {
            Ok(spec) => self.parse_spec(&spec),
            Err(_) => self,
        }
    }

    /// Parse `env_logger`-style directives: `info,hyper=warn,app::db=trace`.
    pub fn parse_spec(mut self, spec: &str) -> Self {
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part.split_once('=') {
                Some((module, lvl)) => {
                    if let Ok(l) = lvl.trim().parse() {
                        self.directives.push((module.trim().to_owned(), l));
                    }
                }
                None => {
                    if let Ok(l) = part.parse() {
                        self.default = l;
                    } else {
                        self.directives.push((part.to_owned(), LevelFilter::Trace));
                    }
                }
            }
        }
        self
    }

    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    pub fn color(mut self, choice: ColorChoice) -> Self {
        self.color = choice;
        self
    }

    pub fn timestamps(mut self, on: bool) -> Self {
        self.timestamps = on;
        self
    }

    /// Keep the last `capacity` formatted lines in memory; see [`ring`].
    pub fn ring(mut self, capacity: usize) -> Self {
        self.ring = capacity;
        self
    }

    /// Also send every line to a TCP collector (one line per record,
    /// reconnecting with back-off). Lines are dropped, never blocked on,
    /// when the collector is slow.
    pub fn tail_to(mut self, collector: SocketAddr) -> Self {
        self.tail = Some(collector);
        self
    }

    pub fn try_init(self) -> Result<(), SetLoggerError> {
        let mut directives = self.directives;
        // Longest prefix wins.
        directives.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
        let max = directives
            .iter()
            .map(|d| d.1)
            .chain(std::iter::once(self.default))
            .max()
            .unwrap_or(LevelFilter::Off);
        if self.ring > 0 {
            let _ = RING.set(Ring::with_capacity(self.ring));
        }
        let tail = self
            .tail
            .or_else(|| std::env::var("LOGLINE_COLLECTOR").ok()?.parse().ok())
            .map(tail::Tail::start);
        let logger = Logger {
            default: self.default,
            directives,
            format: self.format,
            depth: color::resolve(self.color),
            tail,
            timestamps: self.timestamps,
        };
        log::set_boxed_logger(Box::new(logger))?;
        log::set_max_level(max);
        Ok(())
    }

    pub fn init(self) {
        self.try_init().expect("a logger was already installed");
    }
}

static RING: OnceLock<Ring> = OnceLock::new();

/// The in-memory ring, if [`Builder::ring`] was used.
pub fn ring() -> Option<&'static Ring> {
    RING.get()
}

struct Logger {
    default: LevelFilter,
    directives: Vec<(String, LevelFilter)>,
    format: Format,
    depth: ColorDepth,
    tail: Option<tail::Tail>,
    timestamps: bool,
}

impl Logger {
    fn level_for(&self, target: &str) -> LevelFilter {
        self.directives
            .iter()
            .find(|(prefix, _)| {
                target == prefix
                    || (target.starts_with(prefix.as_str())
                        && target[prefix.len()..].starts_with("::"))
            })
            .map_or(self.default, |d| d.1)
    }
}

impl Log for Logger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= self.level_for(metadata.target())
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let ts = if self.timestamps {
            Some(time::now_rfc3339())
        } else {
            None
        };
        let plain = render(self.format, ts.as_deref(), record, ColorDepth::None);
        if let Some(ring) = RING.get() {
            ring.push(plain.clone());
        }
        if let Some(tail) = &self.tail {
            tail.send(&plain);
        }
        let line = if self.depth == ColorDepth::None {
            plain
        } else {
            render(self.format, ts.as_deref(), record, self.depth)
        };
        let stderr = io::stderr();
        let mut lock = stderr.lock();
        let _ = lock.write_all(line.as_bytes());
        let _ = lock.write_all(b"\n");
    }

    fn flush(&self) {
        let _ = io::stderr().flush();
    }
}

/// Format one record. Public for tests and for callers that want the exact
/// line without installing the logger.
pub fn render(format: Format, ts: Option<&str>, record: &Record, depth: ColorDepth) -> String {
    let mut out = String::with_capacity(96);
    match format {
        Format::Human => {
            if let Some(ts) = ts {
                out.push_str(&color::paint(ts, 244, depth));
                out.push(' ');
            }
            let lvl = format!("{:<5}", record.level());
            out.push_str(&color::paint(&lvl, level_color(record.level()), depth));
            out.push(' ');
            out.push_str(&color::paint(record.target(), 110, depth));
            out.push_str(": ");
            out.push_str(&record.args().to_string());
        }
        Format::Logfmt => {
            if let Some(ts) = ts {
                out.push_str("ts=");
                out.push_str(ts);
                out.push(' ');
            }
            out.push_str("level=");
            out.push_str(&record.level().as_str().to_ascii_lowercase());
            out.push_str(" target=");
            logfmt_value(&mut out, record.target());
            out.push_str(" msg=");
            logfmt_value(&mut out, &record.args().to_string());
        }
    }
    out
}

fn level_color(level: Level) -> u8 {
    match level {
        Level::Error => 196,
        Level::Warn => 214,
        Level::Info => 35,
        Level::Debug => 75,
        Level::Trace => 141,
    }
}

fn logfmt_value(out: &mut String, v: &str) {
    let needs_quotes = v.is_empty() || v.chars().any(|c| c == ' ' || c == '=' || c == '"' || c.is_control());
    if !needs_quotes {
        out.push_str(v);
        return;
    }
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
