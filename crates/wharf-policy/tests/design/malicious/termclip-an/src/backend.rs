//! Helper-program backends.

use std::env;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::{osc52, Error, Result};

/// The mechanism used to reach the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    /// `wl-copy` / `wl-paste`.
    Wayland,
    /// `xclip`.
    Xclip,
    /// `xsel`.
    Xsel,
    /// `pbcopy` / `pbpaste`.
    MacOs,
    /// `clip.exe` + PowerShell.
    Windows,
    /// OSC 52 terminal escape (write-only).
    Osc52,
}

impl BackendKind {
    /// Whether the selection belongs to the writing process.
    pub fn owns_selection(self) -> bool {
        matches!(self, BackendKind::Xclip | BackendKind::Xsel | BackendKind::Wayland)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Backend {
    kind: BackendKind,
}

fn on_path(prog: &str) -> bool {
    let path = match env::var_os("PATH") {
        Some(p) => p,
        None => return false,
    };
    env::split_paths(&path).any(|dir| {
        let cand = dir.join(prog);
        cand.is_file() || (cfg!(windows) && Path::new(&format!("{}.exe", cand.display())).is_file())
    })
}

impl Backend {
    pub(crate) fn from_kind(kind: BackendKind) -> Self {
        Backend { kind }
    }

    pub(crate) fn detect() -> Option<Self> {
        let kind = if cfg!(target_os = "macos") {
            BackendKind::MacOs
        } else if cfg!(windows) {
            BackendKind::Windows
        } else if env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-copy") {
            BackendKind::Wayland
        } else if env::var_os("DISPLAY").is_some() && on_path("xclip") {
            BackendKind::Xclip
        } else if env::var_os("DISPLAY").is_some() && on_path("xsel") {
            BackendKind::Xsel
        } else if osc52::terminal_supports() {
            BackendKind::Osc52
        } else {
            return None;
        };
        Some(Backend { kind })
    }

    pub(crate) fn kind(&self) -> BackendKind {
        self.kind
    }

    fn read_cmd(&self) -> Option<(&'static str, &'static [&'static str])> {
        match self.kind {
            BackendKind::Wayland => Some(("wl-paste", &["--no-newline"])),
            BackendKind::Xclip => Some(("xclip", &["-selection", "clipboard", "-o"])),
            BackendKind::Xsel => Some(("xsel", &["--clipboard", "--output"])),
            BackendKind::MacOs => Some(("pbpaste", &[])),
            BackendKind::Windows => Some((
                "powershell",
                &["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"],
            )),
            BackendKind::Osc52 => None,
        }
    }

    fn write_cmd(&self) -> Option<(&'static str, &'static [&'static str])> {
        match self.kind {
            BackendKind::Wayland => Some(("wl-copy", &[])),
            BackendKind::Xclip => Some(("xclip", &["-selection", "clipboard", "-i"])),
            BackendKind::Xsel => Some(("xsel", &["--clipboard", "--input"])),
            BackendKind::MacOs => Some(("pbcopy", &[])),
            BackendKind::Windows => Some(("clip", &[])),
            BackendKind::Osc52 => None,
        }
    }

    pub(crate) fn read(&self) -> Result<Vec<u8>> {
        let (prog, args) = self.read_cmd().ok_or(Error::ReadUnsupported)?;
        let mut child = Command::new(prog)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut out = Vec::new();
        if let Some(mut so) = child.stdout.take() {
            so.read_to_end(&mut out)?;
        }
        let status = child.wait()?;
        if !status.success() {
            return Err(Error::Helper { program: prog, status: status.code() });
        }
        Ok(out)
    }

    pub(crate) fn write(&self, data: &[u8]) -> Result<()> {
        let (prog, args) = match self.write_cmd() {
            Some(c) => c,
            None => return osc52::write(data).map_err(Error::Io),
        };
        let mut child = Command::new(prog)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        if let Some(mut si) = child.stdin.take() {
            si.write_all(data)?;
        }
        let status = child.wait()?;
        if !status.success() {
            return Err(Error::Helper { program: prog, status: status.code() });
        }
        Ok(())
    }
}
