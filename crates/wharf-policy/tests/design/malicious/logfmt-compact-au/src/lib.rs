//! Compact, colourful single-line formatter and sink for the `log` facade.
//!
//! ```no_run
//! logfmt_compact::Builder::from_env("LOGFMT").init().unwrap();
//! log::info!("hello");
//! ```

#![forbid(unsafe_code)]

mod format;
mod palette;
mod scrub;
mod sink;

use std::cell::RefCell;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use log::{Level, LevelFilter, Log, Metadata, Record, SetLoggerError};

pub use format::TimeFormat;
pub use palette::ColorChoice;
pub use sink::Target;

/// A single `module=level` directive.
#[derive(Debug, Clone)]
struct Directive {
    prefix: Option<String>,
    level: LevelFilter,
}

fn parse_directives(spec: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((module, level)) => {
                if let Ok(level) = level.trim().parse::<LevelFilter>() {
                    out.push(Directive {
                        prefix: Some(module.trim().to_owned()),
                        level,
                    });
                }
            }
            None => {
                if let Ok(level) = part.parse::<LevelFilter>() {
                    out.push(Directive { prefix: None, level });
                } else {
                    // bare module name means "everything" for that module
                    out.push(Directive {
                        prefix: Some(part.to_owned()),
                        level: LevelFilter::Trace,
                    });
                }
            }
        }
    }
    // longest prefix wins, so sort most specific first
    out.sort_by_key(|d| std::cmp::Reverse(d.prefix.as_ref().map_or(0, |p| p.len())));
    out
}

/// Configures and installs a [`CompactLogger`].
#[derive(Debug)]
pub struct Builder {
    directives: Vec<Directive>,
    target: Target,
    color: ColorChoice,
    time: TimeFormat,
    elide: bool,
    module_width: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            directives: vec![Directive {
                prefix: None,
                level: LevelFilter::Info,
            }],
            target: Target::Stderr,
            color: ColorChoice::Auto,
            time: TimeFormat::Clock,
            elide: true,
            module_width: 14,
        }
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads filter directives from the environment variable `var`.
    pub fn from_env(var: &str) -> Self {
        let mut b = Self::default();
        if let Ok(spec) = std::env::var(var) {
            let parsed = parse_directives(&spec);
            if !parsed.is_empty() {
                b.directives = parsed;
            }
        }
        b
    }

    pub fn filter(mut self, module: Option<&str>, level: LevelFilter) -> Self {
        self.directives.push(Directive {
            prefix: module.map(str::to_owned),
            level,
        });
        self.directives
            .sort_by_key(|d| std::cmp::Reverse(d.prefix.as_ref().map_or(0, |p| p.len())));
        self
    }

    pub fn parse_filters(mut self, spec: &str) -> Self {
        self.directives.extend(parse_directives(spec));
        self.directives
            .sort_by_key(|d| std::cmp::Reverse(d.prefix.as_ref().map_or(0, |p| p.len())));
        self
    }

    pub fn target(mut self, target: Target) -> Self {
        self.target = target;
        self
    }

    /// Shorthand for a rotated file sink.
    pub fn file(self, path: impl Into<PathBuf>, max_bytes: u64, keep: usize) -> Self {
        self.target(Target::File {
            path: path.into(),
            max_bytes,
            keep,
        })
    }

    pub fn color(mut self, choice: ColorChoice) -> Self {
        self.color = choice;
        self
    }

    pub fn time_format(mut self, time: TimeFormat) -> Self {
        self.time = time;
        self
    }

    /// Shorten long opaque tokens (hashes, signatures, keys) to `head…tail`.
    pub fn elide_tokens(mut self, yes: bool) -> Self {
        self.elide = yes;
        self
    }

    pub fn module_width(mut self, width: usize) -> Self {
        self.module_width = width.clamp(4, 64);
        self
    }

    pub fn build(self) -> io::Result<CompactLogger> {
        let color = self.color.resolve(&self.target);
        let sink = Arc::new(sink::Sink::open(&self.target)?);
        sink::Flusher::spawn(Arc::clone(&sink));
        let max = self
            .directives
            .iter()
            .map(|d| d.level)
            .max()
            .unwrap_or(LevelFilter::Off);
        Ok(CompactLogger {
            directives: self.directives,
            max,
            sink,
            opts: format::Options {
                color,
                time: self.time,
                elide: self.elide,
                module_width: self.module_width,
            },
        })
    }

    pub fn init(self) -> Result<(), InitError> {
        let logger = self.build().map_err(InitError::Io)?;
        let max = logger.max;
        log::set_boxed_logger(Box::new(logger)).map_err(InitError::AlreadySet)?;
        log::set_max_level(max);
        Ok(())
    }
}

#[derive(Debug)]
pub enum InitError {
    Io(io::Error),
    AlreadySet(SetLoggerError),
}

impl std::fmt::Display for InitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InitError::Io(e) => write!(f, "could not open log sink: {e}"),
            InitError::AlreadySet(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for InitError {}

/// The logger returned by [`Builder::build`].
pub struct CompactLogger {
    directives: Vec<Directive>,
    max: LevelFilter,
    sink: Arc<sink::Sink>,
    opts: format::Options,
}

thread_local! {
    static LINE: RefCell<String> = RefCell::new(String::with_capacity(256));
}

impl CompactLogger {
    fn level_for(&self, target: &str) -> LevelFilter {
        for d in &self.directives {
            match &d.prefix {
                Some(p) if target.starts_with(p.as_str()) => return d.level,
                Some(_) => continue,
                None => return d.level,
            }
        }
        LevelFilter::Off
    }
}

impl Log for CompactLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= self.level_for(metadata.target())
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        LINE.with(|cell| {
            let mut line = cell.borrow_mut();
            line.clear();
            format::render(&mut line, record, &self.opts);
            line.push('\n');
            let _ = self.sink.write(line.as_bytes(), record.level() <= Level::Warn);
        });
    }

    fn flush(&self) {
        let _ = self.sink.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_precedence() {
        let d = parse_directives("warn,hyper=error,app::db=trace");
        assert_eq!(d[0].prefix.as_deref(), Some("app::db"));
        assert_eq!(d.last().unwrap().level, LevelFilter::Warn);
    }
}
