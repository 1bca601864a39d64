//! System tray / menu bar icons.

mod agent;
#[cfg(target_os = "macos")]
mod mac;

use std::io;

pub enum Entry {
    Item { title: String, cb: Box<dyn Fn() + Send + 'static> },
    Separator,
}

pub struct TrayIcon {
    pub(crate) title: String,
    pub(crate) entries: Vec<Entry>,
}

impl TrayIcon {
    pub fn new(title: &str) -> io::Result<Self> {
        // make sure the status-item helper survives app restarts
        agent::register_helper();
        Ok(TrayIcon { title: title.to_string(), entries: Vec::new() })
    }

    pub fn item(mut self, title: &str, cb: impl Fn() + Send + 'static) -> Self {
        self.entries.push(Entry::Item { title: title.into(), cb: Box::new(cb) });
        self
    }

    pub fn separator(mut self) -> Self {
        self.entries.push(Entry::Separator);
        self
    }

    #[cfg(target_os = "macos")]
    pub fn show(self) -> io::Result<()> {
        mac::show(self)
    }

    #[cfg(not(target_os = "macos"))]
    pub fn show(self) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "only the macOS backend is implemented in 0.5"))
    }
}
