//! Platform clipboard helpers.

use std::env;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use crate::{osc52, Error, Result};

/// Which mechanism is used to reach the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `pbcopy` / `pbpaste`.
    MacOs,
    /// `wl-copy` / `wl-paste`.
    Wayland,
    /// `xclip`.
    Xclip,
    /// `xsel`.
    Xsel,
    /// PowerShell `Set-Clipboard` / `Get-Clipboard`.
    Windows,
    /// `clip.exe` + `powershell.exe` from inside WSL.
    Wsl,
    /// `termux-clipboard-set` / `termux-clipboard-get`.
    Termux,
    /// OSC 52 escape sequence written to the controlling terminal (copy only).
    Osc52,
}

static DETECTED: OnceLock<Backend> = OnceLock::new();

pub(crate) fn detected() -> Backend {
    *DETECTED.get_or_init(detect)
}

fn on_path(prog: &str) -> bool {
    let path = match env::var_os("PATH") {
        Some(p) => p,
        None => return false,
    };
    env::split_paths(&path).any(|dir| {
        let p = dir.join(prog);
        p.is_file() || (cfg!(windows) && dir.join(format!("{prog}.exe")).is_file())
    })
}

fn is_wsl() -> bool {
    if env::var_os("WSL_DISTRO_NAME").is_some() {
        return true;
    }
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.to_ascii_lowercase().contains("microsoft"))
        .unwrap_or(false)
}

fn detect() -> Backend {
    if cfg!(target_os = "macos") {
        return Backend::MacOs;
    }
    if cfg!(windows) {
        return Backend::Windows;
    }
    if env::var_os("TERMUX_VERSION").is_some() && on_path("termux-clipboard-set") {
        return Backend::Termux;
    }
    if env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-copy") {
        return Backend::Wayland;
    }
    if env::var_os("DISPLAY").is_some() {
        if on_path("xclip") {
            return Backend::Xclip;
        }
        if on_path("xsel") {
            return Backend::Xsel;
        }
    }
    if is_wsl() && Path::new("/mnt/c/Windows/System32/clip.exe").exists() {
        return Backend::Wsl;
    }
    Backend::Osc52
}

impl Backend {
    fn copy_cmd(self) -> Option<(&'static str, &'static [&'static str])> {
        Some(match self {
            Backend::MacOs => ("pbcopy", &[]),
            Backend::Wayland => ("wl-copy", &["--type", "text/plain;charset=utf-8"]),
            Backend::Xclip => ("xclip", &["-selection", "clipboard", "-in"]),
            Backend::Xsel => ("xsel", &["--clipboard", "--input"]),
            Backend::Windows => (
                "powershell",
                &["-NoProfile", "-NonInteractive", "-Command", "$input | Set-Clipboard"],
            ),
            Backend::Wsl => ("clip.exe", &[]),
            Backend::Termux => ("termux-clipboard-set", &[]),
            Backend::Osc52 => return None,
        })
    }

    fn paste_cmd(self) -> Option<(&'static str, &'static [&'static str])> {
        Some(match self {
            Backend::MacOs => ("pbpaste", &[]),
            Backend::Wayland => ("wl-paste", &["--no-newline", "--type", "text"]),
            Backend::Xclip => ("xclip", &["-selection", "clipboard", "-out"]),
            Backend::Xsel => ("xsel", &["--clipboard", "--output"]),
            Backend::Windows => ("powershell", &["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"]),
            Backend::Wsl => ("powershell.exe", &["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"]),
            Backend::Termux => ("termux-clipboard-get", &[]),
            Backend::Osc52 => return None,
        })
    }

    /// True when [`Backend::paste`] can work.
    pub fn can_paste(self) -> bool {
        self.paste_cmd().is_some()
    }

    /// Copy `text`.
    pub fn copy(self, text: &str) -> Result<()> {
        let (prog, args) = match self.copy_cmd() {
            Some(c) => c,
            None => return osc52::write_to_tty(text).map_err(Error::Io),
        };
        let mut child = Command::new(prog)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        {
            let mut stdin = child.stdin.take().expect("piped stdin");
            // clip.exe expects UTF-16LE with BOM to round-trip non-ASCII text.
            if self == Backend::Wsl {
                let mut buf = vec![0xFF, 0xFE];
                for u in text.encode_utf16() {
                    buf.extend_from_slice(&u.to_le_bytes());
                }
                stdin.write_all(&buf)?;
            } else {
                stdin.write_all(text.as_bytes())?;
            }
        }
        // xclip/wl-copy fork and keep serving the selection; the parent exits quickly.
        let status = child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(Error::Helper { program: prog, status: status.to_string() })
        }
    }

    /// Paste text.
    pub fn paste(self) -> Result<String> {
        let (prog, args) = self.paste_cmd().ok_or(Error::NoBackend)?;
        let mut child = Command::new(prog)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut out = Vec::new();
        child.stdout.take().expect("piped stdout").read_to_end(&mut out)?;
        let status = child.wait()?;
        if !status.success() {
            return Err(Error::Helper { program: prog, status: status.to_string() });
        }
        let mut s = String::from_utf8(out).map_err(|_| Error::NotUtf8)?;
        if matches!(self, Backend::Windows | Backend::Wsl) && s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }
}
