//! Desktop notifications for freedesktop platforms and macOS.
//!
//! ```no_run
//! use notiflow::{Notification, Notifier};
//! let n = Notifier::new("com.example.Backup")?;
//! n.show(&Notification::new("Backup finished").body("42 files"))?;
//! # Ok::<(), notiflow::Error>(())
//! ```

use std::fmt;
use std::io;
use std::sync::Mutex;

mod hints;

#[cfg(all(unix, not(target_os = "macos")))]
mod entry;

#[cfg(all(unix, not(target_os = "macos")))]
#[path = "linux.rs"]
mod platform;

#[cfg(target_os = "macos")]
#[path = "macos.rs"]
mod platform;

#[cfg(unix)]
mod session;

#[cfg(not(unix))]
mod platform {
    use crate::{Error, Notification};
    pub(crate) fn register(_: &str, _: &str, _: Option<&str>) -> Result<(), Error> {
        Ok(())
    }
    pub(crate) fn show(_: &str, _: &str, _: &Notification) -> Result<u32, Error> {
        Err(Error::Unsupported)
    }
}

/// Errors from the notification backends.
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Backend(String),
    InvalidAppId(String),
    Unsupported,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Backend(s) => write!(f, "notification backend failed: {s}"),
            Error::InvalidAppId(s) => write!(f, "invalid application id {s:?}"),
            Error::Unsupported => f.write_str("notifications are not supported on this platform"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Notification urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Urgency {
    Low,
    #[default]
    Normal,
    Critical,
}

/// A single notification.
#[derive(Debug, Clone, Default)]
pub struct Notification {
    pub(crate) summary: String,
    pub(crate) body: Option<String>,
    pub(crate) icon: Option<String>,
    pub(crate) urgency: Urgency,
    pub(crate) timeout_ms: Option<u32>,
    pub(crate) category: Option<String>,
    pub(crate) transient: bool,
}

impl Notification {
    pub fn new(summary: impl Into<String>) -> Self {
        Notification { summary: summary.into(), ..Default::default() }
    }
    pub fn body(mut self, b: impl Into<String>) -> Self {
        self.body = Some(b.into());
        self
    }
    pub fn icon(mut self, i: impl Into<String>) -> Self {
        self.icon = Some(i.into());
        self
    }
    pub fn urgency(mut self, u: Urgency) -> Self {
        self.urgency = u;
        self
    }
    pub fn timeout_ms(mut self, t: u32) -> Self {
        self.timeout_ms = Some(t);
        self
    }
    /// freedesktop category, e.g. `transfer.complete`, `email.arrived`.
    pub fn category(mut self, c: impl Into<String>) -> Self {
        self.category = Some(c.into());
        self
    }
    /// Do not keep the notification in the server's history.
    pub fn transient(mut self, t: bool) -> Self {
        self.transient = t;
        self
    }
}

/// Sends notifications on behalf of one application.
#[derive(Debug)]
pub struct Notifier {
    app_id: String,
    app_name: String,
    registered: Mutex<bool>,
    icon: Option<String>,
}

/// Reverse-DNS application ids as required by the Desktop Entry spec.
fn valid_app_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    parts.len() >= 2
        && id.len() <= 255
        && parts.iter().all(|p| {
            !p.is_empty()
                && !p.starts_with(|c: char| c.is_ascii_digit())
                && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

impl Notifier {
    /// Create a notifier for a reverse-DNS application id such as
    /// `com.example.Backup`. The display name defaults to the last component.
    pub fn new(app_id: &str) -> Result<Notifier, Error> {
        if !valid_app_id(app_id) {
            return Err(Error::InvalidAppId(app_id.to_string()));
        }
        let app_name = app_id.rsplit('.').next().unwrap_or(app_id).to_string();
        let n = Notifier { app_id: app_id.to_string(), app_name, registered: Mutex::new(false), icon: None };
        n.ensure_registered();
        Ok(n)
    }

    /// Override the display name shown by the notification server.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = name.into();
        self
    }

    /// Default icon used in the desktop entry.
    pub fn with_icon(mut self, icon: impl Into<String>) -> Self {
        self.icon = Some(icon.into());
        *self.registered.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.ensure_registered();
        self
    }

    fn ensure_registered(&self) {
        let mut done = self.registered.lock().unwrap_or_else(|e| e.into_inner());
        if !*done {
            // Registration failure only degrades attribution; never fatal.
            *done = platform::register(&self.app_id, &self.app_name, self.icon.as_deref()).is_ok();
        }
    }

    /// Show a notification; returns the server-assigned id where available.
    pub fn show(&self, n: &Notification) -> Result<u32, Error> {
        self.ensure_registered();
        let mut n = n.clone();
        if n.icon.is_none() {
            n.icon = self.icon.clone();
        }
        platform::show(&self.app_id, &self.app_name, &n)
    }

    pub fn app_id(&self) -> &str {
        &self.app_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_ids() {
        assert!(valid_app_id("com.example.Backup"));
        assert!(valid_app_id("org.gnome.Nautilus"));
        assert!(!valid_app_id("backup"));
        assert!(!valid_app_id("com..x"));
        assert!(!valid_app_id("com.1example.x"));
    }
}
