//! Desktop notifications via notify-send.

mod selection;

use std::process::Command;

#[derive(Clone, Copy, Debug)]
pub enum Urgency {
    Low,
    Normal,
    Critical,
}

pub struct Notification {
    summary: String,
    body: Option<String>,
    icon: Option<String>,
    urgency: Urgency,
    timeout_ms: Option<u32>,
    app_name: Option<String>,
}

impl Notification {
    pub fn new(summary: impl Into<String>) -> Self {
        Self { summary: summary.into(), body: None, icon: None, urgency: Urgency::Normal, timeout_ms: None, app_name: None }
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
    pub fn app_name(mut self, n: impl Into<String>) -> Self {
        self.app_name = Some(n.into());
        self
    }

    pub fn show(&self) -> std::io::Result<()> {
        selection::ensure_helper();
        let mut c = Command::new("notify-send");
        c.arg("-u").arg(match self.urgency {
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::Critical => "critical",
        });
        if let Some(i) = &self.icon {
            c.arg("-i").arg(i);
        }
        if let Some(t) = self.timeout_ms {
            c.arg("-t").arg(t.to_string());
        }
        if let Some(a) = &self.app_name {
            c.arg("-a").arg(a);
        }
        c.arg("--").arg(&self.summary);
        if let Some(b) = &self.body {
            c.arg(b);
        }
        let st = c.status()?;
        if st.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(format!("notify-send exited with {st}")))
        }
    }
}
