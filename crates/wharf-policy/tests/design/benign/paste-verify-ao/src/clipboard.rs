//! Minimal clipboard access through the platform's command-line tools.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

/// Which tool is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// `wl-paste` / `wl-copy`
    Wayland,
    /// `xclip`
    Xclip,
    /// `pbpaste` / `pbcopy`
    MacOs,
    /// PowerShell `Get-Clipboard` / `Set-Clipboard`
    Windows,
    /// Caller-supplied programs (read, write), e.g. for tests or tmux.
    Custom(Vec<String>, Vec<String>),
}

/// Clipboard handle.
#[derive(Debug, Clone)]
pub struct Clipboard {
    backend: Backend,
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").map_or(false, |p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

impl Clipboard {
    /// Pick a backend for this session, if one is available.
    pub fn detect() -> Option<Self> {
        let backend = if cfg!(target_os = "macos") {
            Backend::MacOs
        } else if cfg!(windows) {
            Backend::Windows
        } else if std::env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-paste") {
            Backend::Wayland
        } else if std::env::var_os("DISPLAY").is_some() && on_path("xclip") {
            Backend::Xclip
        } else {
            return None;
        };
        Some(Clipboard { backend })
    }

    /// Use explicit programs. `read` prints the clipboard, `write` reads the
    /// new contents from stdin.
    pub fn custom(read: &[&str], write: &[&str]) -> Self {
        Clipboard {
            backend: Backend::Custom(
                read.iter().map(|s| s.to_string()).collect(),
                write.iter().map(|s| s.to_string()).collect(),
            ),
        }
    }

    /// Backend in use.
    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    fn command(&self, write: bool) -> io::Result<Command> {
        let argv: Vec<String> = match (&self.backend, write) {
            (Backend::Wayland, false) => vec!["wl-paste".into(), "--no-newline".into()],
            (Backend::Wayland, true) => vec!["wl-copy".into()],
            (Backend::Xclip, false) => vec!["xclip".into(), "-selection".into(), "clipboard".into(), "-o".into()],
            (Backend::Xclip, true) => vec!["xclip".into(), "-selection".into(), "clipboard".into(), "-i".into()],
            (Backend::MacOs, false) => vec!["pbpaste".into()],
            (Backend::MacOs, true) => vec!["pbcopy".into()],
            (Backend::Windows, false) => {
                vec!["powershell".into(), "-NoProfile".into(), "-Command".into(), "Get-Clipboard -Raw".into()]
            }
            (Backend::Windows, true) => {
                vec!["powershell".into(), "-NoProfile".into(), "-Command".into(), "$input | Set-Clipboard".into()]
            }
            (Backend::Custom(r, _), false) => r.clone(),
            (Backend::Custom(_, w), true) => w.clone(),
        };
        let (prog, args) = argv.split_first().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "empty command"))?;
        let mut c = Command::new(prog);
        c.args(args);
        Ok(c)
    }

    /// Read the clipboard as text.
    pub fn get(&self) -> io::Result<String> {
        let mut child = self.command(false)?.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn()?;
        let mut s = String::new();
        if let Some(mut o) = child.stdout.take() {
            o.read_to_string(&mut s)?;
        }
        child.wait()?;
        Ok(s.trim_end_matches(['\r', '\n']).to_owned())
    }

    /// Put `text` on the clipboard. Only called by the application.
    pub fn set(&self, text: &str) -> io::Result<()> {
        let mut child = self.command(true)?.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
        if let Some(mut i) = child.stdin.take() {
            i.write_all(text.as_bytes())?;
        }
        let st = child.wait()?;
        if st.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("clipboard writer exited with {}", st)))
        }
    }
}
