//! Report capture and scrubbing.

use crate::Config;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A crash report. Everything in here is shown to the user before upload.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Application name.
    pub app: String,
    /// Application version.
    pub version: String,
    /// OS family and architecture.
    pub platform: String,
    /// Panic message.
    pub message: String,
    /// `file:line:col` of the panic.
    pub location: Option<String>,
    /// Source lines around the location (opt-in).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source_context: Vec<String>,
    /// Captured backtrace.
    pub backtrace: String,
    /// Unix seconds.
    pub timestamp: u64,
}

impl Report {
    pub(crate) fn capture(cfg: &Config, info: &std::panic::PanicHookInfo<'_>) -> Report {
        let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "<non-string panic payload>".to_string()
        };
        let loc = info.location();
        let source_context = match (cfg.source_context, loc) {
            (true, Some(l)) => crate::source::context(l.file(), l.line(), 2),
            _ => Vec::new(),
        };
        Report {
            app: cfg.app.clone(),
            version: cfg.version.clone(),
            platform: format!("{}-{}", std::env::consts::OS, std::env::consts::ARCH),
            message,
            location: loc.map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())),
            source_context,
            backtrace: std::backtrace::Backtrace::force_capture().to_string(),
            timestamp: SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0),
        }
    }

    /// Remove the home directory and user name from all text fields.
    pub fn scrub(&mut self) {
        let home = std::env::var("HOME").or_else(|_| std::env::var("USERPROFILE")).ok().filter(|h| h.len() > 1);
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok().filter(|u| u.len() > 2);
        let fix = |s: &mut String| {
            if let Some(h) = &home {
                *s = s.replace(h.as_str(), "~");
            }
            if let Some(u) = &user {
                *s = s.replace(u.as_str(), "<user>");
            }
        };
        fix(&mut self.message);
        fix(&mut self.backtrace);
        if let Some(l) = &mut self.location {
            fix(l);
        }
        for line in &mut self.source_context {
            fix(line);
        }
    }

    /// Pretty JSON (what the user is shown and what is uploaded).
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Write to `dir/<app>-crash-<timestamp>.json`.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let safe: String = self.app.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        let p = dir.join(format!("{safe}-crash-{}.json", self.timestamp));
        std::fs::write(&p, self.to_pretty_json())?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            app: "demo app".into(),
            version: "1.0".into(),
            platform: "linux-x86_64".into(),
            message: "boom".into(),
            location: Some("src/main.rs:1:1".into()),
            source_context: vec![],
            backtrace: String::new(),
            timestamp: 42,
        }
    }

    #[test]
    fn writes_file() {
        let d = tempfile::tempdir().unwrap();
        let p = sample().write_to(d.path()).unwrap();
        assert!(p.ends_with("demo_app-crash-42.json"));
        assert!(std::fs::read_to_string(p).unwrap().contains("\"boom\""));
    }

    #[test]
    fn scrub_home() {
        let mut r = sample();
        if let Ok(h) = std::env::var("HOME") {
            if h.len() > 1 {
                r.backtrace = format!("at {h}/src/x.rs");
                r.scrub();
                assert!(r.backtrace.contains("~/src/x.rs"));
            }
        }
    }
}
