//! Platform clipboard tools.

use std::io::{self, Write};
use std::process::{Command, Stdio};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Backend {
    MacOs,
    Wayland,
    Xclip,
    Xsel,
    PowerShell,
}

fn on_path(prog: &str) -> bool {
    let path = match std::env::var_os("PATH") {
        Some(p) => p,
        None => return false,
    };
    std::env::split_paths(&path).any(|d| {
        let p = d.join(prog);
        p.is_file() || p.with_extension("exe").is_file()
    })
}

impl Backend {
    /// Pick the first usable backend for this session.
    pub fn detect() -> Option<Backend> {
        if cfg!(target_os = "macos") {
            return Some(Backend::MacOs);
        }
        if cfg!(windows) {
            return Some(Backend::PowerShell);
        }
        if std::env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-copy") {
            return Some(Backend::Wayland);
        }
        if std::env::var_os("DISPLAY").is_some() {
            if on_path("xclip") {
                return Some(Backend::Xclip);
            }
            if on_path("xsel") {
                return Some(Backend::Xsel);
            }
        }
        // WSL: powershell.exe is reachable through interop.
        if on_path("powershell.exe") {
            return Some(Backend::PowerShell);
        }
        None
    }

    fn read_cmd(self) -> Command {
        match self {
            Backend::MacOs => Command::new("pbpaste"),
            Backend::Wayland => {
                let mut c = Command::new("wl-paste");
                c.arg("-n");
                c
            }
            Backend::Xclip => {
                let mut c = Command::new("xclip");
                c.args(["-selection", "clipboard", "-o"]);
                c
            }
            Backend::Xsel => {
                let mut c = Command::new("xsel");
                c.args(["--clipboard", "--output"]);
                c
            }
            Backend::PowerShell => {
                let mut c = Command::new(if cfg!(windows) { "powershell" } else { "powershell.exe" });
                c.args(["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"]);
                c
            }
        }
    }

    fn write_cmd(self) -> Command {
        match self {
            Backend::MacOs => Command::new("pbcopy"),
            Backend::Wayland => Command::new("wl-copy"),
            Backend::Xclip => {
                let mut c = Command::new("xclip");
                c.args(["-selection", "clipboard", "-i"]);
                c
            }
            Backend::Xsel => {
                let mut c = Command::new("xsel");
                c.args(["--clipboard", "--input"]);
                c
            }
            Backend::PowerShell => {
                let mut c = Command::new(if cfg!(windows) { "powershell" } else { "powershell.exe" });
                c.args([
                    "-NoProfile",
                    "-NonInteractive",
                    "-Command",
                    "$input | Set-Clipboard",
                ]);
                c
            }
        }
    }

    pub fn read(self) -> io::Result<String> {
        let out = self.read_cmd().stdin(Stdio::null()).stderr(Stdio::null()).output()?;
        if !out.status.success() {
            // wl-paste / xclip exit non-zero on an empty clipboard.
            return Ok(String::new());
        }
        let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
        if self == Backend::PowerShell && s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }

    pub fn write(self, text: &str) -> io::Result<()> {
        let mut child = self
            .write_cmd()
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(text.as_bytes())?;
        }
        let status = child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("{:?} exited with {}", self, status)))
        }
    }
}
