//! Reading (and, on explicit request, writing) the system clipboard through
//! the platform's command-line tools.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Something that holds clipboard text.
pub trait ClipSource: Send + Sync {
    fn name(&self) -> &str;
    fn read(&self) -> io::Result<String>;
    /// Only called by [`crate::Ring::restore`], i.e. when the user picks an
    /// entry from the history.
    fn write(&self, text: &str) -> io::Result<()>;
}

/// A pair of commands: one prints the clipboard, one reads it from stdin.
#[derive(Clone, Debug)]
pub struct CommandSource {
    name: String,
    read: Vec<String>,
    write: Vec<String>,
}

impl CommandSource {
    pub fn new(name: &str, read: &[&str], write: &[&str]) -> Self {
        assert!(!read.is_empty() && !write.is_empty(), "commands must not be empty");
        CommandSource {
            name: name.to_owned(),
            read: read.iter().map(|s| s.to_string()).collect(),
            write: write.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn on_path(&self) -> bool {
        let Some(path) = std::env::var_os("PATH") else { return false };
        std::env::split_paths(&path).any(|d| d.join(&self.read[0]).is_file())
    }

    /// The usual tool for this session, if installed.
    pub fn detect() -> Option<Self> {
        let candidates = if cfg!(target_os = "macos") {
            vec![CommandSource::new("pbpaste", &["pbpaste"], &["pbcopy"])]
        } else if cfg!(windows) {
            vec![CommandSource::new(
                "powershell",
                &["powershell.exe", "-NoProfile", "-Command", "Get-Clipboard -Raw"],
                &["powershell.exe", "-NoProfile", "-Command", "$input | Set-Clipboard"],
            )]
        } else {
            let mut v = Vec::new();
            if std::env::var_os("WAYLAND_DISPLAY").is_some() {
                v.push(CommandSource::new("wl-clipboard", &["wl-paste", "--no-newline"], &["wl-copy"]));
            }
            if std::env::var_os("DISPLAY").is_some() {
                v.push(CommandSource::new(
                    "xclip",
                    &["xclip", "-selection", "clipboard", "-o"],
                    &["xclip", "-selection", "clipboard", "-i"],
                ));
                v.push(CommandSource::new("xsel", &["xsel", "-b", "-o"], &["xsel", "-b", "-i"]));
            }
            v
        };
        candidates.into_iter().find(CommandSource::on_path)
    }
}

impl ClipSource for CommandSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn read(&self) -> io::Result<String> {
        let out = Command::new(&self.read[0])
            .args(&self.read[1..])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let mut child = Command::new(&self.write[0])
            .args(&self.write[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        child.stdin.take().expect("piped").write_all(text.as_bytes())?;
        child.wait()?;
        Ok(())
    }
}

/// In-memory clipboard for tests and headless use.
#[derive(Default)]
pub struct MemorySource(pub std::sync::Mutex<String>);

impl ClipSource for MemorySource {
    fn name(&self) -> &str {
        "memory"
    }

    fn read(&self) -> io::Result<String> {
        Ok(self.0.lock().unwrap().clone())
    }

    fn write(&self, text: &str) -> io::Result<()> {
        *self.0.lock().unwrap() = text.to_owned();
        Ok(())
    }
}
