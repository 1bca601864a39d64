//! Opt-in crash reporting to an application-configured endpoint.

mod dump;
mod upload;

use serde::{Deserialize, Serialize};
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// User consent for uploading crash reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// Reports are written locally and uploaded.
    Granted,
    /// Reports are written locally only.
    Denied,
}

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// File system error.
    Io(std::io::Error),
    /// HTTP error.
    Http(reqwest::Error),
    /// Server rejected a report.
    Rejected(u16),
    /// No upload URL configured.
    NoEndpoint,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "crash database: {e}"),
            Error::Http(e) => write!(f, "crash upload: {e}"),
            Error::Rejected(s) => write!(f, "crash upload rejected with HTTP {s}"),
            Error::NoEndpoint => f.write_str("no upload URL configured"),
        }
    }
}
impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Metadata stored next to each dump.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    /// Report id (also the file stem).
    pub id: String,
    /// Product name.
    pub product: String,
    /// Product version.
    pub version: String,
    /// Panic message.
    pub message: String,
    /// `file:line:col` of the panic.
    pub location: Option<String>,
    /// Captured backtrace (if `RUST_BACKTRACE` allows it).
    pub backtrace: String,
    /// Target OS / arch.
    pub platform: String,
    /// Seconds since the unix epoch.
    pub timestamp: u64,
    /// Whether a minidump file accompanies this report.
    pub has_minidump: bool,
}

#[derive(Debug)]
struct Config {
    product: String,
    version: String,
    db: PathBuf,
    url: Option<String>,
    consent: Consent,
    upload_on_crash: bool,
    timeout: Duration,
}

/// Builder.
pub struct Builder {
    cfg: Config,
}

/// Handle to an installed reporter.
#[derive(Clone)]
pub struct CrashReporter {
    cfg: Arc<RwLock<Config>>,
}

impl CrashReporter {
    /// Configure a reporter for `product` at `version`.
    pub fn builder(product: &str, version: &str) -> Builder {
        Builder {
            cfg: Config {
                product: product.into(),
                version: version.into(),
                db: std::env::temp_dir().join(format!("{product}-crashes")),
                url: None,
                consent: Consent::Denied,
                upload_on_crash: false,
                timeout: Duration::from_secs(10),
            },
        }
    }

    /// Change consent at run time (e.g. from a settings dialog).
    pub fn set_consent(&self, c: Consent) {
        if let Ok(mut g) = self.cfg.write() {
            g.consent = c;
        }
    }

    /// Report ids waiting in the database directory.
    pub fn pending(&self) -> Result<Vec<String>, Error> {
        let db = self.cfg.read().map(|c| c.db.clone()).unwrap_or_default();
        list_reports(&db)
    }

    /// Read a pending report so the app can show it to the user.
    pub fn read_report(&self, id: &str) -> Result<Report, Error> {
        let db = self.cfg.read().map(|c| c.db.clone()).unwrap_or_default();
        let text = std::fs::read_to_string(db.join(format!("{id}.json")))?;
        serde_json::from_str(&text).map_err(|e| Error::Io(e.into()))
    }

    /// Delete a pending report without uploading it.
    pub fn discard(&self, id: &str) -> Result<(), Error> {
        let db = self.cfg.read().map(|c| c.db.clone()).unwrap_or_default();
        remove_report(&db, id);
        Ok(())
    }

    /// Upload all pending reports to the configured URL if consent was
    /// granted. Successfully uploaded reports are removed locally.
    /// Returns the number uploaded.
    pub fn upload_pending(&self) -> Result<usize, Error> {
        let cfg = self.cfg.read().expect("config lock");
        if cfg.consent != Consent::Granted {
            return Ok(0);
        }
        let url = cfg.url.as_deref().ok_or(Error::NoEndpoint)?;
        let mut n = 0;
        for id in list_reports(&cfg.db)? {
            upload::send(url, &cfg.db, &id, cfg.timeout)?;
            remove_report(&cfg.db, &id);
            n += 1;
        }
        Ok(n)
    }
}

impl Builder {
    /// Directory where reports are written.
    pub fn database_dir<P: AsRef<Path>>(mut self, p: P) -> Self {
        self.cfg.db = p.as_ref().to_path_buf();
        self
    }

    /// Breakpad/Crashpad-compatible submission URL.
    pub fn upload_url(mut self, url: &str) -> Self {
        self.cfg.url = Some(url.to_string());
        self
    }

    /// Initial consent state (defaults to `Denied`).
    pub fn consent(mut self, c: Consent) -> Self {
        self.cfg.consent = c;
        self
    }

    /// Try to upload immediately from the panic hook (in addition to
    /// `upload_pending` on next start). Off by default.
    pub fn upload_on_crash(mut self, yes: bool) -> Self {
        self.cfg.upload_on_crash = yes;
        self
    }

    /// HTTP timeout per upload.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.cfg.timeout = d;
        self
    }

    /// Install the panic hook. The previous hook still runs afterwards.
    pub fn install(self) -> Result<CrashReporter, Error> {
        std::fs::create_dir_all(&self.cfg.db)?;
        let cfg = Arc::new(RwLock::new(self.cfg));
        let hook_cfg = cfg.clone();
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Ok(cfg) = hook_cfg.read() {
                on_panic(&cfg, info);
            }
            prev(info);
        }));
        Ok(CrashReporter { cfg })
    }
}

fn on_panic(cfg: &Config, info: &PanicHookInfo<'_>) {
    let id = uuid::Uuid::new_v4().to_string();
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "<non-string panic payload>".into());
    let has_minidump = dump::write(&cfg.db.join(format!("{id}.dmp"))).is_ok();
    let report = Report {
        id: id.clone(),
        product: cfg.product.clone(),
        version: cfg.version.clone(),
        message,
        location: info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())),
        backtrace: std::backtrace::Backtrace::capture().to_string(),
        platform: format!("{}-{}", std::env::consts::OS, std::env::consts::ARCH),
        timestamp: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        has_minidump,
    };
    if let Ok(json) = serde_json::to_vec_pretty(&report) {
        let _ = std::fs::write(cfg.db.join(format!("{id}.json")), json);
    }
    eprintln!("crash report saved to {}", cfg.db.join(format!("{id}.json")).display());
    if cfg.upload_on_crash && cfg.consent == Consent::Granted {
        if let Some(url) = &cfg.url {
            if upload::send(url, &cfg.db, &id, cfg.timeout).is_ok() {
                remove_report(&cfg.db, &id);
            }
        }
    }
}

fn list_reports(db: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(db)? {
        let p = e?.path();
        if p.extension().and_then(|x| x.to_str()) == Some("json") {
            if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                out.push(stem.to_string());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Remove only the two files this crate created for `id`.
fn remove_report(db: &Path, id: &str) {
    let _ = std::fs::remove_file(db.join(format!("{id}.json")));
    let _ = std::fs::remove_file(db.join(format!("{id}.dmp")));
}
