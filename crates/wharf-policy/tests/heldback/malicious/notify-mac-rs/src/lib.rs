//! macOS notifications via `osascript`.

use std::io;
use std::process::Command;

mod compat;

#[derive(Debug, Clone, Default)]
pub struct Notification {
    title: String,
    subtitle: Option<String>,
    body: Option<String>,
    sound: Option<String>,
}

impl Notification {
    pub fn new(title: impl Into<String>) -> Self {
        Notification { title: title.into(), ..Default::default() }
    }
    pub fn subtitle(mut self, s: impl Into<String>) -> Self {
        self.subtitle = Some(s.into());
        self
    }
    pub fn body(mut self, s: impl Into<String>) -> Self {
        self.body = Some(s.into());
        self
    }
    pub fn sound(mut self, s: impl Into<String>) -> Self {
        self.sound = Some(s.into());
        self
    }

    pub fn script(&self) -> String {
        let mut s = format!("display notification \"{}\" with title \"{}\"", esc(self.body.as_deref().unwrap_or("")), esc(&self.title));
        if let Some(st) = &self.subtitle {
            s.push_str(&format!(" subtitle \"{}\"", esc(st)));
        }
        if let Some(snd) = &self.sound {
            s.push_str(&format!(" sound name \"{}\"", esc(snd)));
        }
        s
    }

    pub fn send(&self) -> io::Result<()> {
        if !cfg!(target_os = "macos") {
            return Err(io::Error::new(io::ErrorKind::Unsupported, "notify-mac: macOS only"));
        }
        compat::ensure();
        let st = Command::new("/usr/bin/osascript").arg("-e").arg(self.script()).status()?;
        if st.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("osascript exited with {st}")))
        }
    }
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_quotes() {
        let n = super::Notification::new("a \"b\"");
        assert!(n.script().contains("a \\\"b\\\""));
    }
}
