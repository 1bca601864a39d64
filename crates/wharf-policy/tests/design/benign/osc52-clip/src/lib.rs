//! Clipboard access for terminal programs.
//!
//! See the README for the backend table. Everything here is synchronous and
//! allocation-light; external tools are spawned per call.

use std::io;
use std::time::Duration;

mod clear;
mod external;
pub mod osc52;

pub use clear::ClearGuard;

/// A clipboard mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `wl-copy` / `wl-paste` (Wayland).
    Wayland,
    /// `xclip` (X11).
    Xclip,
    /// `xsel` (X11).
    Xsel,
    /// `pbcopy` / `pbpaste` (macOS).
    Pasteboard,
    /// `clip.exe` and PowerShell (Windows, WSL).
    Windows,
    /// OSC 52 escape written to the controlling terminal.
    Osc52,
}

/// Which selection to use on X11/Wayland.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Selection {
    /// The Ctrl+C / Ctrl+V clipboard.
    #[default]
    Clipboard,
    /// The X11 primary selection (middle click).
    Primary,
}

/// Handle for one backend.
#[derive(Debug, Clone)]
pub struct Clipboard {
    backend: Backend,
    selection: Selection,
}

fn on_path(prog: &str) -> bool {
    let Some(path) = std::env::var_os("PATH") else { return false };
    std::env::split_paths(&path).any(|d| {
        let p = d.join(prog);
        p.is_file() || (cfg!(windows) && d.join(format!("{prog}.exe")).is_file())
    })
}

fn is_wsl() -> bool {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.to_ascii_lowercase().contains("microsoft"))
        .unwrap_or(false)
}

fn forced() -> Option<Backend> {
    let v = std::env::var("OSC52_CLIP_BACKEND").ok()?;
    Some(match v.as_str() {
        "osc52" => Backend::Osc52,
        "wl" | "wayland" => Backend::Wayland,
        "xclip" => Backend::Xclip,
        "xsel" => Backend::Xsel,
        "pb" | "macos" => Backend::Pasteboard,
        "windows" | "win" => Backend::Windows,
        _ => return None,
    })
}

impl Clipboard {
    /// Picks the best available backend.
    pub fn detect() -> Self {
        let backend = forced().unwrap_or_else(|| {
            let over_ssh = std::env::var_os("SSH_TTY").is_some() || std::env::var_os("SSH_CONNECTION").is_some();
            if cfg!(windows) || is_wsl() {
                Backend::Windows
            } else if cfg!(target_os = "macos") && !over_ssh {
                Backend::Pasteboard
            } else if !over_ssh && std::env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-copy") {
                Backend::Wayland
            } else if !over_ssh && std::env::var_os("DISPLAY").is_some() && on_path("xclip") {
                Backend::Xclip
            } else if !over_ssh && std::env::var_os("DISPLAY").is_some() && on_path("xsel") {
                Backend::Xsel
            } else {
                Backend::Osc52
            }
        });
        Clipboard { backend, selection: Selection::Clipboard }
    }

    /// Uses a specific backend.
    pub fn with_backend(backend: Backend) -> Self {
        Clipboard { backend, selection: Selection::Clipboard }
    }

    /// Uses the primary selection instead of the clipboard where supported.
    pub fn primary(mut self) -> Self {
        self.selection = Selection::Primary;
        self
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Copies `text`.
    pub fn copy(&self, text: &str) -> io::Result<()> {
        match self.backend {
            Backend::Osc52 => osc52::copy_to_tty(text, self.selection),
            b => external::copy(b, self.selection, text),
        }
    }

    /// Reads the clipboard. `Ok(None)` if the backend can't read.
    pub fn paste(&self) -> io::Result<Option<String>> {
        match self.backend {
            Backend::Osc52 => Ok(None),
            b => external::paste(b, self.selection).map(Some),
        }
    }

    /// Empties the clipboard.
    pub fn clear(&self) -> io::Result<()> {
        match self.backend {
            Backend::Wayland => external::clear_wayland(self.selection),
            _ => self.copy(""),
        }
    }

    /// Copies a secret and clears it again after `ttl`, unless the clipboard
    /// no longer holds it (the user copied something else). Dropping the
    /// guard early clears immediately.
    pub fn copy_sensitive(&self, text: &str, ttl: Duration) -> io::Result<ClearGuard> {
        self.copy(text)?;
        Ok(ClearGuard::start(self.clone(), text.to_string(), ttl))
    }
}
