//! Panic hook writing crash reports with source context.

use std::env;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::panic::{self, PanicInfo};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

mod context;

use serde::Serialize;

pub use context::SourceContext;

/// Crash-reporter configuration. Nothing leaves the machine unless a collector
/// URL is configured and the `upload` feature is enabled.
#[derive(Debug, Clone)]
pub struct Config {
    app: String,
    dir: Option<PathBuf>,
    collector: Option<String>,
    upload_source: bool,
    context_lines: usize,
    print: bool,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub app: String,
    pub version: Option<String>,
    pub timestamp: u64,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub thread: Option<String>,
    pub os: &'static str,
    pub arch: &'static str,
    pub backtrace: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<SourceContext>,
}

impl Config {
    pub fn new(app: &str) -> Config {
        Config {
            app: app.to_string(),
            dir: None,
            collector: env::var("CRASHCTX_DSN").ok().filter(|s| !s.is_empty()),
            upload_source: false,
            context_lines: 5,
            print: true,
        }
    }

    /// Override the directory reports are written to.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Send reports to this collector (https only). Requires the `upload` feature.
    pub fn collector(mut self, url: &str) -> Self {
        self.collector = Some(url.to_string());
        self
    }

    /// Include source lines in uploaded reports (local reports always have them).
    pub fn source_context(mut self, yes: bool) -> Self {
        self.upload_source = yes;
        self
    }

    pub fn context_lines(mut self, n: usize) -> Self {
        self.context_lines = n.min(20);
        self
    }

    pub fn print_to_stderr(mut self, yes: bool) -> Self {
        self.print = yes;
        self
    }

    fn report_dir(&self) -> Option<PathBuf> {
        if let Some(d) = &self.dir {
            return Some(d.clone());
        }
        #[cfg(windows)]
        let base = env::var_os("LOCALAPPDATA").map(PathBuf::from);
        #[cfg(not(windows))]
        let base = env::var_os("XDG_STATE_HOME")
            .map(PathBuf::from)
            .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")));
        base.map(|b| b.join(&self.app).join("crashes"))
    }

    /// Install as the process panic hook, chaining the previous one.
    pub fn install(self) {
        if env::var_os("CRASHCTX_DISABLE").is_some() {
            return;
        }
        let prev = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let report = self.build(info);
            if let Some(dir) = self.report_dir() {
                match write_local(&dir, &report) {
                    Ok(p) if self.print => eprintln!("crash report written to {}", tilde(&p)),
                    Err(e) if self.print => eprintln!("crashctx: could not write report: {e}"),
                    _ => {}
                }
            }
            if let Some(url) = &self.collector {
                upload(url, report, self.upload_source);
            }
            prev(info);
        }));
    }

    fn build(&self, info: &PanicInfo<'_>) -> Report {
        let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "Box<dyn Any>".to_string()
        };
        let loc = info.location();
        let bt = std::backtrace::Backtrace::force_capture().to_string();
        Report {
            app: self.app.clone(),
            version: env::var("CARGO_PKG_VERSION").ok(),
            timestamp: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
            message,
            file: loc.map(|l| tilde(Path::new(l.file()))),
            line: loc.map(|l| l.line()),
            column: loc.map(|l| l.column()),
            thread: std::thread::current().name().map(str::to_string),
            os: env::consts::OS,
            arch: env::consts::ARCH,
            backtrace: bt.lines().map(|l| tilde_str(l.trim())).take(200).collect(),
            context: loc.and_then(|l| SourceContext::read(Path::new(l.file()), l.line(), self.context_lines)),
        }
    }
}

fn home() -> Option<String> {
    env::var("HOME").or_else(|_| env::var("USERPROFILE")).ok().filter(|h| h.len() > 1)
}

fn tilde_str(s: &str) -> String {
    match home() {
        Some(h) => s.replace(&h, "~"),
        None => s.to_string(),
    }
}

fn tilde(p: &Path) -> String {
    tilde_str(&p.display().to_string())
}

fn write_local(dir: &Path, r: &Report) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("crash-{}-{}.json", r.timestamp, std::process::id()));
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&path)?;
    serde_json::to_writer_pretty(&mut f, r)?;
    f.write_all(b"\n")?;
    Ok(path)
}

#[cfg(feature = "upload")]
fn upload(url: &str, mut r: Report, with_source: bool) {
    if !url.starts_with("https://") {
        eprintln!("crashctx: refusing to send report to non-https collector");
        return;
    }
    if !with_source {
        r.context = None;
    }
    match ureq::post(url).timeout(std::time::Duration::from_secs(5)).send_json(&r) {
        Ok(_) => eprintln!("crash report sent to {url}"),
        Err(e) => eprintln!("crashctx: upload failed: {e}"),
    }
}

#[cfg(not(feature = "upload"))]
fn upload(_url: &str, _r: Report, _with_source: bool) {
    eprintln!("crashctx: a collector is configured but the `upload` feature is disabled");
}
