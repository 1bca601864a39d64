//! # crash-report
//!
//! Consent-first crash reports. See the README for the data flow.

mod consent;
mod report;
mod source;
#[cfg(feature = "upload")]
mod upload;

pub use consent::{Consent, ConsentStore};
pub use report::Report;

use std::path::PathBuf;
use std::sync::Arc;

/// Crash reporter configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) app: String,
    pub(crate) version: String,
    pub(crate) endpoint: Option<String>,
    pub(crate) consent: Consent,
    pub(crate) report_dir: Option<PathBuf>,
    pub(crate) source_context: bool,
    pub(crate) store: Option<ConsentStore>,
}

impl Config {
    /// New configuration. Uploads are disabled until an endpoint is set and
    /// consent is granted.
    pub fn new(app: impl Into<String>, version: impl Into<String>) -> Self {
        Config {
            app: app.into(),
            version: version.into(),
            endpoint: None,
            consent: Consent::Denied,
            report_dir: None,
            source_context: false,
            store: None,
        }
    }

    /// Where reports may be uploaded (your own server).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Consent policy.
    pub fn consent(mut self, c: Consent) -> Self {
        self.consent = c;
        self
    }

    /// Remember the user's answer in this store.
    pub fn consent_store(mut self, s: ConsentStore) -> Self {
        self.store = Some(s);
        self
    }

    /// Directory for local reports (defaults to the OS temp dir).
    pub fn report_dir(mut self, d: impl Into<PathBuf>) -> Self {
        self.report_dir = Some(d.into());
        self
    }

    /// Include a few lines of the app's source around the panic location.
    pub fn include_source_context(mut self, on: bool) -> Self {
        self.source_context = on;
        self
    }

    /// Install as the panic hook (chains to the previous hook).
    pub fn install(self) {
        let cfg = Arc::new(self);
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            prev(info);
            handle_panic(&cfg, info);
        }));
    }
}

fn handle_panic(cfg: &Config, info: &std::panic::PanicHookInfo<'_>) {
    let mut report = Report::capture(cfg, info);
    report.scrub();
    let dir = cfg.report_dir.clone().unwrap_or_else(std::env::temp_dir);
    let path = match report.write_to(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}: could not write crash report: {e}", cfg.app);
            return;
        }
    };
    eprintln!("\n{} crashed. A report was saved to {}", cfg.app, path.display());

    let Some(endpoint) = &cfg.endpoint else { return };
    let agreed = consent::resolve(cfg, &report, endpoint);
    if !agreed {
        eprintln!("The report was not sent.");
        return;
    }
    #[cfg(feature = "upload")]
    match upload::send(endpoint, &report) {
        Ok(()) => eprintln!("Thank you, the report was sent."),
        Err(e) => eprintln!("Upload failed ({e}); the report is still at {}", path.display()),
    }
    #[cfg(not(feature = "upload"))]
    eprintln!("(built without the `upload` feature; please attach {} to an issue)", path.display());
}
