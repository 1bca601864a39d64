//! Platform clipboard tools.

use std::env;
use std::io::{self, Write};
use std::process::{Command, Stdio};

/// One way of talking to the system clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `wl-copy` / `wl-paste` (wl-clipboard)
    Wayland,
    /// `xclip -selection clipboard`
    Xclip,
    /// `xsel --clipboard`
    Xsel,
    /// `pbcopy` / `pbpaste`
    MacOs,
    /// PowerShell `Get-Clipboard` / `Set-Clipboard`
    Windows,
    /// `termux-clipboard-get` / `termux-clipboard-set`
    Termux,
}

fn on_path(program: &str) -> bool {
    let Some(paths) = env::var_os("PATH") else { return false };
    env::split_paths(&paths).any(|dir| {
        let p = dir.join(program);
        p.is_file() || (cfg!(windows) && p.with_extension("exe").is_file())
    })
}

impl Backend {
    /// Picks the first backend that should work in this session.
    pub fn detect() -> Option<Backend> {
        if cfg!(target_os = "macos") {
            return Some(Backend::MacOs);
        }
        if cfg!(windows) {
            return Some(Backend::Windows);
        }
        if env::var_os("TERMUX_VERSION").is_some() && on_path("termux-clipboard-get") {
            return Some(Backend::Termux);
        }
        if env::var_os("WAYLAND_DISPLAY").is_some() && on_path("wl-paste") {
            return Some(Backend::Wayland);
        }
        if env::var_os("DISPLAY").is_some() {
            if on_path("xclip") {
                return Some(Backend::Xclip);
            }
            if on_path("xsel") {
                return Some(Backend::Xsel);
            }
        }
        None
    }

    fn read_cmd(self) -> Command {
        let (prog, args): (&str, &[&str]) = match self {
            Backend::Wayland => ("wl-paste", &["--no-newline", "--type", "text/plain"]),
            Backend::Xclip => ("xclip", &["-selection", "clipboard", "-out"]),
            Backend::Xsel => ("xsel", &["--clipboard", "--output"]),
            Backend::MacOs => ("pbpaste", &[]),
            Backend::Windows => ("powershell", &["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"]),
            Backend::Termux => ("termux-clipboard-get", &[]),
        };
        let mut c = Command::new(prog);
        c.args(args);
        c
    }

    fn write_cmd(self) -> Command {
        let (prog, args): (&str, &[&str]) = match self {
            Backend::Wayland => ("wl-copy", &["--type", "text/plain"]),
            Backend::Xclip => ("xclip", &["-selection", "clipboard", "-in"]),
            Backend::Xsel => ("xsel", &["--clipboard", "--input"]),
            Backend::MacOs => ("pbcopy", &[]),
            Backend::Windows => (
                "powershell",
                &["-NoProfile", "-NonInteractive", "-Command", "$input | Out-String -NoNewline | Set-Clipboard"],
            ),
            Backend::Termux => ("termux-clipboard-set", &[]),
        };
        let mut c = Command::new(prog);
        c.args(args);
        c
    }

    pub(crate) fn read(self) -> io::Result<String> {
        let out = self.read_cmd().stdin(Stdio::null()).stderr(Stdio::null()).output()?;
        if !out.status.success() {
            // wl-paste exits 1 on an empty clipboard
            if self == Backend::Wayland {
                return Ok(String::new());
            }
            return Err(io::Error::new(io::ErrorKind::Other, format!("{self:?} read failed: {}", out.status)));
        }
        let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
        if self == Backend::Windows && s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }

    pub(crate) fn write(self, text: &str) -> io::Result<()> {
        let mut child = self.write_cmd().stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
        {
            let mut stdin = child.stdin.take().ok_or_else(|| io::Error::new(io::ErrorKind::BrokenPipe, "no stdin"))?;
            stdin.write_all(text.as_bytes())?;
        }
        // xclip and wl-copy fork a server process that owns the selection and return at once.
        let status = child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("{self:?} write failed: {status}")))
        }
    }
}
