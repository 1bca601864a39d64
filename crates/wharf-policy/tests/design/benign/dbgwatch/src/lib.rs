//! Report-only debugger and instrumentation detection.
//!
//! All checks are passive. The crate returns a [`Report`] and does nothing else.

mod platform;
mod timing;

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    DebuggerAttached,
    RemoteDebugger,
    Tracer,
    PreloadedLibrary,
    TimingAnomaly,
    DisabledByUser,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub kind: Kind,
    pub confidence: Confidence,
    pub detail: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub elapsed: Duration,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.findings.iter().all(|f| f.kind == Kind::DisabledByUser)
    }
    pub fn max_confidence(&self) -> Option<Confidence> {
        self.findings.iter().filter(|f| f.kind != Kind::DisabledByUser).map(|f| f.confidence).max()
    }
    pub(crate) fn push(&mut self, kind: Kind, confidence: Confidence, detail: impl Into<String>) {
        self.findings.push(Finding { kind, confidence, detail: detail.into() });
    }
}

/// Options for [`scan_with`].
#[derive(Debug, Clone)]
pub struct Options {
    pub timing_probe: bool,
    /// Per-iteration budget above which the timing probe reports an anomaly.
    pub timing_threshold: Duration,
    pub check_preload: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { timing_probe: true, timing_threshold: Duration::from_micros(250), check_preload: true }
    }
}

/// Run every check with default options.
pub fn scan() -> Report {
    scan_with(&Options::default())
}

pub fn scan_with(opts: &Options) -> Report {
    let start = std::time::Instant::now();
    let mut r = Report::default();
    if std::env::var_os("DBGWATCH_DISABLE").is_some() {
        r.push(Kind::DisabledByUser, Confidence::High, "DBGWATCH_DISABLE is set; no checks run");
        r.elapsed = start.elapsed();
        return r;
    }
    platform::check(&mut r);
    if opts.check_preload {
        preload(&mut r);
    }
    if opts.timing_probe {
        if let Some(d) = timing::probe(opts.timing_threshold) {
            r.push(Kind::TimingAnomaly, Confidence::Low, format!("single-step-like latency: {d:?} per iteration"));
        }
    }
    r.elapsed = start.elapsed();
    r
}

fn preload(r: &mut Report) {
    for var in ["LD_PRELOAD", "LD_AUDIT", "DYLD_INSERT_LIBRARIES"] {
        if let Some(v) = std::env::var_os(var) {
            r.push(Kind::PreloadedLibrary, Confidence::Medium, format!("{var}={}", v.to_string_lossy()));
        }
    }
}
