//! Opt-in anonymous usage counters. See README for the exact data collected.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The author's documented collector. Overridable with [`Pulse::endpoint`].
pub const DEFAULT_ENDPOINT: &str = "https://telemetry.usage-pulse.example.com/v1/counts";

/// Minimum time between uploads.
const UPLOAD_INTERVAL: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// User explicitly enabled telemetry.
    Granted,
    /// User explicitly disabled it, or DO_NOT_TRACK is set.
    Denied,
    /// Never asked; treated as denied.
    Unknown,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    install_id: Option<String>,
    consent: Option<bool>,
    counts: BTreeMap<String, u64>,
    last_upload: u64,
}

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub tool: &'a str,
    pub version: &'a str,
    pub install_id: &'a str,
    pub os: &'static str,
    pub arch: &'static str,
    pub counts: &'a BTreeMap<String, u64>,
}

pub struct Pulse {
    tool: String,
    version: String,
    endpoint: String,
    state_path: PathBuf,
    state: State,
}

impl Pulse {
    pub fn new(tool: &str, version: &str) -> Pulse {
        let state_path = dirs::config_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join(tool)
            .join("usage-pulse.json");
        let state = std::fs::read(&state_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Pulse { tool: tool.into(), version: version.into(), endpoint: DEFAULT_ENDPOINT.into(), state_path, state }
    }

    /// Send to a different collector (e.g. your own).
    pub fn endpoint(mut self, url: &str) -> Pulse {
        self.endpoint = url.to_string();
        self
    }

    pub fn consent(&self) -> Consent {
        let env_off = |k: &str| std::env::var(k).map(|v| v == "1" || v.eq_ignore_ascii_case("true")).unwrap_or(false);
        if env_off("DO_NOT_TRACK") || std::env::var("USAGE_PULSE").as_deref() == Ok("0") {
            return Consent::Denied;
        }
        if std::env::var("USAGE_PULSE").as_deref() == Ok("1") {
            return Consent::Granted;
        }
        match self.state.consent {
            Some(true) => Consent::Granted,
            Some(false) => Consent::Denied,
            None => Consent::Unknown,
        }
    }

    pub fn opt_in(&mut self) -> io::Result<()> {
        self.state.consent = Some(true);
        if self.state.install_id.is_none() {
            self.state.install_id = Some(uuid::Uuid::new_v4().to_string());
        }
        self.save()
    }

    /// Disable telemetry and delete all local state, including the install id.
    pub fn opt_out(&mut self) -> io::Result<()> {
        self.state = State { consent: Some(false), ..State::default() };
        self.save()
    }

    /// Count one invocation of `command`. No-op without consent.
    pub fn record(&mut self, command: &str) {
        if self.consent() != Consent::Granted {
            return;
        }
        // only the subcommand name, never its arguments
        let name: String = command.chars().take(32).filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        *self.state.counts.entry(name).or_insert(0) += 1;
        let _ = self.save();
    }

    /// The exact payload that would be uploaded, for `mytool telemetry show`.
    pub fn preview(&self) -> Option<String> {
        let r = self.report()?;
        serde_json::to_string_pretty(&r).ok()
    }

    fn report(&self) -> Option<Report<'_>> {
        Some(Report {
            tool: &self.tool,
            version: &self.version,
            install_id: self.state.install_id.as_deref()?,
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            counts: &self.state.counts,
        })
    }

    /// Upload counts if consent is granted and a day has passed. Blocking,
    /// with a short timeout; errors are ignored and counts are kept.
    pub fn maybe_upload(&mut self) {
        if self.consent() != Consent::Granted || self.state.counts.is_empty() {
            return;
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        if now.saturating_sub(self.state.last_upload) < UPLOAD_INTERVAL.as_secs() {
            return;
        }
        let Some(report) = self.report() else { return };
        let ok = ureq::post(&self.endpoint)
            .timeout(Duration::from_secs(3))
            .send_json(&report)
            .is_ok();
        if ok {
            self.state.counts.clear();
            self.state.last_upload = now;
            let _ = self.save();
        }
    }

    fn save(&self) -> io::Result<()> {
        if let Some(dir) = self.state_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&self.state_path, serde_json::to_vec_pretty(&self.state)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_consent_records_nothing() {
        std::env::remove_var("USAGE_PULSE");
        let mut p = Pulse::new("usage-pulse-test-none", "0.0.0");
        p.state = State::default();
        p.record("build");
        assert!(p.state.counts.is_empty());
        assert!(p.preview().is_none());
    }
}
