//! Platform backends.
//!
//! Every backend shells out to a helper the platform already ships, so the
//! crate builds everywhere without system headers.

use std::env;
use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// Read and write the system text clipboard.
pub trait Backend: Send + Sync {
    /// Current clipboard text (empty if the clipboard holds no text).
    fn get_text(&self) -> io::Result<String>;
    /// Replace the clipboard text.
    fn set_text(&self, text: &str) -> io::Result<()>;
    /// Human-readable backend name.
    fn name(&self) -> &'static str;
}

/// A backend made of two helper commands.
#[derive(Debug, Clone, Copy)]
pub struct Helper {
    name: &'static str,
    get: &'static [&'static str],
    set: &'static [&'static str],
}

impl Helper {
    fn available(&self) -> bool {
        which(self.get[0]) && which(self.set[0])
    }
}

fn which(prog: &str) -> bool {
    if prog.contains('/') || prog.contains('\\') {
        return std::path::Path::new(prog).exists();
    }
    let Some(path) = env::var_os("PATH") else { return false };
    let exts: &[&str] = if cfg!(windows) { &["", ".exe", ".cmd"] } else { &[""] };
    env::split_paths(&path).any(|dir| exts.iter().any(|e| dir.join(format!("{prog}{e}")).is_file()))
}

impl Backend for Helper {
    fn get_text(&self) -> io::Result<String> {
        let out = Command::new(self.get[0])
            .args(&self.get[1..])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()?;
        if !out.status.success() {
            // wl-paste exits 1 when the clipboard is empty
            return Ok(String::new());
        }
        let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
        if cfg!(windows) && s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }

    fn set_text(&self, text: &str) -> io::Result<()> {
        let mut child = Command::new(self.set[0])
            .args(&self.set[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        {
            let mut stdin = child.stdin.take().expect("piped stdin");
            stdin.write_all(text.as_bytes())?;
        }
        let status = child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("{} failed: {status}", self.set[0])))
        }
    }

    fn name(&self) -> &'static str {
        self.name
    }
}

const WAYLAND: Helper = Helper {
    name: "wayland",
    get: &["wl-paste", "--no-newline", "--type", "text/plain"],
    set: &["wl-copy", "--type", "text/plain"],
};
const XCLIP: Helper = Helper {
    name: "xclip",
    get: &["xclip", "-selection", "clipboard", "-out"],
    set: &["xclip", "-selection", "clipboard", "-in"],
};
const XSEL: Helper = Helper {
    name: "xsel",
    get: &["xsel", "--clipboard", "--output"],
    set: &["xsel", "--clipboard", "--input"],
};
const MACOS: Helper = Helper {
    name: "pasteboard",
    get: &["pbpaste"],
    set: &["pbcopy"],
};
const WINDOWS: Helper = Helper {
    name: "powershell",
    get: &["powershell", "-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"],
    set: &["powershell", "-NoProfile", "-NonInteractive", "-Command", "$input | Set-Clipboard"],
};

/// Pick the first usable helper for this session.
pub fn detect() -> Option<Helper> {
    let candidates: &[Helper] = if cfg!(target_os = "macos") {
        &[MACOS]
    } else if cfg!(windows) {
        &[WINDOWS]
    } else if env::var_os("WAYLAND_DISPLAY").is_some() {
        &[WAYLAND, XCLIP, XSEL]
    } else if env::var_os("DISPLAY").is_some() {
        &[XCLIP, XSEL]
    } else {
        &[]
    };
    candidates.iter().copied().find(Helper::available)
}

/// An in-process clipboard, for tests and headless environments.
#[derive(Debug, Default)]
pub struct Memory {
    text: Mutex<String>,
}

impl Memory {
    /// Empty memory clipboard.
    pub fn new() -> Memory {
        Memory::default()
    }
}

impl Backend for Memory {
    fn get_text(&self) -> io::Result<String> {
        Ok(self.text.lock().map(|t| t.clone()).unwrap_or_default())
    }

    fn set_text(&self, text: &str) -> io::Result<()> {
        if let Ok(mut t) = self.text.lock() {
            t.clear();
            t.push_str(text);
        }
        Ok(())
    }

    fn name(&self) -> &'static str {
        "memory"
    }
}

