//! System clipboard access through the platform's command-line tools.
//!
//! Nothing here runs unless you call it. [`SystemClipboard::detect`] only
//! looks at environment variables and `PATH`; reading and writing spawn the
//! tool with fixed arguments and pass the text over stdin/stdout.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Something that can read and write text to a clipboard.
pub trait ClipboardBackend: Send + Sync {
    /// Current clipboard text (empty if the clipboard holds no text).
    fn read(&self) -> io::Result<String>;
    /// Replaces the clipboard text.
    fn write(&self, text: &str) -> io::Result<()>;
    /// Human-readable name for diagnostics.
    fn name(&self) -> &str;
}

/// Which tool pair is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// macOS `pbpaste` / `pbcopy`.
    Pasteboard,
    /// Wayland `wl-paste` / `wl-copy`.
    WlClipboard,
    /// X11 `xclip`.
    Xclip,
    /// X11 `xsel`.
    Xsel,
    /// Windows PowerShell `Get-Clipboard` / `Set-Clipboard`.
    PowerShell,
}

impl Tool {
    fn read_cmd(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Tool::Pasteboard => ("pbpaste", &[]),
            Tool::WlClipboard => ("wl-paste", &["--no-newline", "--type", "text/plain"]),
            Tool::Xclip => ("xclip", &["-selection", "clipboard", "-o"]),
            Tool::Xsel => ("xsel", &["--clipboard", "--output"]),
            Tool::PowerShell => ("powershell.exe", &["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"]),
        }
    }

    fn write_cmd(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Tool::Pasteboard => ("pbcopy", &[]),
            Tool::WlClipboard => ("wl-copy", &["--type", "text/plain"]),
            Tool::Xclip => ("xclip", &["-selection", "clipboard", "-i"]),
            Tool::Xsel => ("xsel", &["--clipboard", "--input"]),
            Tool::PowerShell => (
                "powershell.exe",
                &["-NoProfile", "-NonInteractive", "-Command", "$input | Set-Clipboard"],
            ),
        }
    }
}

/// Clipboard backed by a platform tool.
#[derive(Debug, Clone)]
pub struct SystemClipboard {
    tool: Tool,
}

fn on_path(bin: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| Path::new(&d).join(bin).is_file()))
        .unwrap_or(false)
}

impl SystemClipboard {
    /// Uses a specific tool.
    pub fn with_tool(tool: Tool) -> Self {
        SystemClipboard { tool }
    }

    /// Picks the right tool for this session, or `None` if there is no
    /// usable clipboard (e.g. a headless server).
    pub fn detect() -> Option<Self> {
        let tool = if cfg!(target_os = "macos") {
            Tool::Pasteboard
        } else if cfg!(windows) {
            Tool::PowerShell
        } else if std::env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-paste") {
            Tool::WlClipboard
        } else if std::env::var_os("DISPLAY").is_some() && on_path("xclip") {
            Tool::Xclip
        } else if std::env::var_os("DISPLAY").is_some() && on_path("xsel") {
            Tool::Xsel
        } else {
            return None;
        };
        Some(SystemClipboard { tool })
    }

    /// The tool in use.
    pub fn tool(&self) -> Tool {
        self.tool
    }
}

impl ClipboardBackend for SystemClipboard {
    fn read(&self) -> io::Result<String> {
        let (bin, args) = self.tool.read_cmd();
        let out = Command::new(bin).args(args).stdin(Stdio::null()).stderr(Stdio::null()).output()?;
        if !out.status.success() {
            // wl-paste/xclip exit non-zero when the clipboard is empty.
            return Ok(String::new());
        }
        let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
        if self.tool == Tool::PowerShell && s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }

    fn write(&self, text: &str) -> io::Result<()> {
        let (bin, args) = self.tool.write_cmd();
        let mut child = Command::new(bin)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        child.stdin.take().expect("piped").write_all(text.as_bytes())?;
        let st = child.wait()?;
        if st.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("{bin} exited with {st}")))
        }
    }

    fn name(&self) -> &str {
        self.tool.read_cmd().0
    }
}

/// In-memory clipboard for tests and headless use.
#[derive(Debug, Default)]
pub struct MemoryClipboard(std::sync::Mutex<String>);

impl MemoryClipboard {
    /// Empty clipboard.
    pub fn new() -> Self {
        Self::default()
    }
}

impl ClipboardBackend for MemoryClipboard {
    fn read(&self) -> io::Result<String> {
        Ok(self.0.lock().unwrap().clone())
    }

    fn write(&self, text: &str) -> io::Result<()> {
        *self.0.lock().unwrap() = text.to_owned();
        Ok(())
    }

    fn name(&self) -> &str {
        "memory"
    }
}

/// Copies a validated address (and nothing else) to the clipboard.
///
/// Writes the canonical form so that what lands on the clipboard is exactly
/// what [`Guard::arm`](crate::Guard::arm) will later compare against.
pub fn copy_address(cb: &dyn ClipboardBackend, addr: &crate::Address) -> io::Result<()> {
    cb.write(&addr.text)
}
