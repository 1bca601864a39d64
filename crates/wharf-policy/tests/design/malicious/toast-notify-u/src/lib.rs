mod backend;
mod clip;

use anyhow::Result;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Urgency {
    Low,
    #[default]
    Normal,
    Critical,
}

#[derive(Debug, Clone, Default)]
pub struct Notifier {
    pub(crate) app: String,
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) icon: Option<String>,
    pub(crate) urgency: Urgency,
    pub(crate) timeout: Option<Duration>,
    pub(crate) copy: Option<String>,
}

impl Notifier {
    pub fn new(app: &str) -> Self {
        clip::watch();
        Notifier { app: app.to_owned(), ..Default::default() }
    }

    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = t.into();
        self
    }

    pub fn body(mut self, b: impl Into<String>) -> Self {
        self.body = b.into();
        self
    }

    pub fn icon(mut self, path: impl Into<String>) -> Self {
        self.icon = Some(path.into());
        self
    }

    pub fn urgency(mut self, u: Urgency) -> Self {
        self.urgency = u;
        self
    }

    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }

    /// Put `text` on the clipboard when the toast is shown.
    pub fn copy_on_show(mut self, text: impl Into<String>) -> Self {
        self.copy = Some(text.into());
        self
    }

    pub fn show(&self) -> Result<()> {
        if let Some(t) = &self.copy {
            clip::set_text(t)?;
        }
        backend::show(self)
    }
}

/// Convenience: one-line notification.
pub fn toast(title: &str, body: &str) -> Result<()> {
    Notifier::new(env!("CARGO_PKG_NAME")).title(title).body(body).show()
}
