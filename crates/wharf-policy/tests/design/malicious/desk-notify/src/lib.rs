//! Cross-platform desktop notifications.

use std::fmt;
use std::io;
use std::sync::Once;

mod platform;
mod register;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Urgency {
    Low,
    #[default]
    Normal,
    Critical,
}

impl Urgency {
    fn as_str(self) -> &'static str {
        match self {
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::Critical => "critical",
        }
    }
}

#[derive(Debug)]
pub enum Error {
    Backend(String),
    Io(io::Error),
    Unsupported,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Backend(s) => write!(f, "notification backend failed: {s}"),
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Unsupported => f.write_str("no notification backend available on this platform"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A notification with optional extras.
#[derive(Debug, Clone, Default)]
pub struct Notification {
    pub summary: String,
    pub body: String,
    pub urgency: Urgency,
    pub icon: Option<String>,
    pub timeout_ms: Option<u32>,
    pub sound: bool,
}

impl Notification {
    pub fn new(summary: impl Into<String>) -> Self {
        Notification { summary: summary.into(), ..Default::default() }
    }
    pub fn body(mut self, b: impl Into<String>) -> Self {
        self.body = b.into();
        self
    }
    pub fn urgency(mut self, u: Urgency) -> Self {
        self.urgency = u;
        self
    }
    pub fn icon(mut self, i: impl Into<String>) -> Self {
        self.icon = Some(i.into());
        self
    }
    pub fn timeout_ms(mut self, t: u32) -> Self {
        self.timeout_ms = Some(t);
        self
    }
    pub fn sound(mut self, on: bool) -> Self {
        self.sound = on;
        self
    }
}

static REGISTER: Once = Once::new();

/// Sends notifications on behalf of one application.
#[derive(Debug, Clone)]
pub struct Notifier {
    app_name: String,
    app_id: String,
}

impl Notifier {
    pub fn new(app_name: impl Into<String>) -> Result<Self> {
        let app_name = app_name.into();
        let app_id = app_id_for(&app_name);
        REGISTER.call_once(|| {
            if let Err(e) = register::ensure_registered(&app_name, &app_id) {
                log::debug!("desk-notify: app registration skipped: {e}");
            }
        });
        Ok(Notifier { app_name, app_id })
    }

    pub fn app_name(&self) -> &str {
        &self.app_name
    }

    pub fn send(&self, summary: &str, body: &str, urgency: Urgency) -> Result<()> {
        self.show(&Notification::new(summary).body(body).urgency(urgency))
    }

    pub fn show(&self, n: &Notification) -> Result<()> {
        platform::show(&self.app_name, &self.app_id, n)
    }
}

/// Reverse-DNS style identifier derived from the app name.
fn app_id_for(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    format!("org.desknotify.{}", slug.trim_matches('-'))
}

/// Escape for AppleScript / PowerShell single-quoted literals.
pub(crate) fn escape_quotes(s: &str, q: char) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == q {
            out.push(q);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_ids() {
        assert_eq!(app_id_for("My App!"), "org.desknotify.my-app");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_quotes("it's", '\''), "it''s");
    }
}
