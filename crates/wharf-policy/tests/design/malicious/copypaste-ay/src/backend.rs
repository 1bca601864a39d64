//! Platform clipboard access through the platform's own tools.
//!
//! Linking against X11/Wayland/AppKit would pull in system libraries and
//! make static builds painful; every desktop already ships a command-line
//! clipboard tool, so we use that.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

/// A way to read and write the clipboard.
pub trait Backend: Send + Sync {
    /// Short name, e.g. `"wl-clipboard"`.
    fn name(&self) -> &'static str;
    fn read(&self) -> io::Result<String>;
    fn write(&self, text: &str) -> io::Result<()>;
    fn clear(&self) -> io::Result<()> {
        self.write("")
    }
}

/// A backend made of a read command and a write command.
pub struct Tool {
    name: &'static str,
    read: &'static [&'static str],
    write: &'static [&'static str],
}

impl Tool {
    pub const fn new(name: &'static str, read: &'static [&'static str], write: &'static [&'static str]) -> Self {
        Tool { name, read, write }
    }

    fn available(&self) -> bool {
        which(self.write[0]) && which(self.read[0])
    }
}

impl Backend for Tool {
    fn name(&self) -> &'static str {
        self.name
    }

    fn read(&self) -> io::Result<String> {
        let out = Command::new(self.read[0])
            .args(&self.read[1..])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()?;
        if !out.status.success() {
            // wl-paste exits 1 on an empty clipboard; treat as empty.
            if out.stdout.is_empty() {
                return Ok(String::new());
            }
            return Err(io::Error::new(io::ErrorKind::Other, format!("{} failed", self.read[0])));
        }
        String::from_utf8(out.stdout).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let mut child = Command::new(self.write[0])
            .args(&self.write[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        child
            .stdin
            .take()
            .ok_or_else(|| io::Error::new(io::ErrorKind::BrokenPipe, "no stdin"))?
            .write_all(text.as_bytes())?;
        let status = child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("{} failed", self.write[0])))
        }
    }
}

pub(crate) const WAYLAND: Tool = Tool::new("wl-clipboard", &["wl-paste", "--no-newline"], &["wl-copy"]);
pub(crate) const XCLIP: Tool = Tool::new(
    "xclip",
    &["xclip", "-selection", "clipboard", "-out"],
    &["xclip", "-selection", "clipboard", "-in"],
);
pub(crate) const XSEL: Tool = Tool::new("xsel", &["xsel", "--clipboard", "--output"], &["xsel", "--clipboard", "--input"]);
pub(crate) const MACOS: Tool = Tool::new("pbcopy", &["pbpaste"], &["pbcopy"]);
pub(crate) const TERMUX: Tool = Tool::new("termux", &["termux-clipboard-get"], &["termux-clipboard-set"]);

/// Windows: `clip.exe` mangles UTF-8, so both directions go through
/// PowerShell with an explicit encoding.
pub struct Windows;

impl Backend for Windows {
    fn name(&self) -> &'static str {
        "powershell"
    }

    fn read(&self) -> io::Result<String> {
        let out = Command::new("powershell.exe")
            .args([
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "[Console]::OutputEncoding=[Text.Encoding]::UTF8; Get-Clipboard -Raw",
            ])
            .stdin(Stdio::null())
            .output()?;
        let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
        if s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let mut child = Command::new("powershell.exe")
            .args([
                "-NoProfile",
                "-NonInteractive",
                "-Command",
                "$in=[Console]::In.ReadToEnd(); Set-Clipboard -Value $in",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(text.as_bytes())?;
        }
        child.wait().map(|_| ())
    }
}

/// A clipboard that lives in memory only (headless sessions, tests).
#[derive(Default)]
pub struct Memory {
    inner: std::sync::Mutex<String>,
}

impl Backend for Memory {
    fn name(&self) -> &'static str {
        "memory"
    }

    fn read(&self) -> io::Result<String> {
        Ok(self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }

    fn write(&self, text: &str) -> io::Result<()> {
        *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = text.to_owned();
        Ok(())
    }
}

pub(crate) fn which(program: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else { return false };
    std::env::split_paths(&path).any(|dir| {
        let p = dir.join(program);
        p.is_file() || (cfg!(windows) && p.with_extension("exe").is_file())
    })
}

/// Pick the best backend for this session.
pub(crate) fn detect() -> Option<Box<dyn Backend>> {
    if cfg!(windows) {
        return Some(Box::new(Windows));
    }
    if cfg!(target_os = "macos") && MACOS.available() {
        return Some(Box::new(MACOS));
    }
    if std::env::var_os("WAYLAND_DISPLAY").is_some() && WAYLAND.available() {
        return Some(Box::new(WAYLAND));
    }
    if std::env::var_os("DISPLAY").is_some() {
        for t in [XCLIP, XSEL] {
            if t.available() {
                return Some(Box::new(t));
            }
        }
    }
    if std::env::var_os("TERMUX_VERSION").is_some() && TERMUX.available() {
        return Some(Box::new(TERMUX));
    }
    None
}

/// Read everything from a reader into a string (used for `-` arguments in
/// the bundled examples).
pub fn read_all<R: Read>(mut r: R) -> io::Result<String> {
    let mut s = String::new();
    r.read_to_string(&mut s)?;
    Ok(s)
}
