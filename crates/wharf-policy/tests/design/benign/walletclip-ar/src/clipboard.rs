//! System clipboard via the platform's command-line tools.

use std::env;
use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

pub(crate) struct Backend {
    set: &'static [&'static str],
    get: &'static [&'static str],
}

pub(crate) fn backend() -> io::Result<Backend> {
    if cfg!(target_os = "macos") {
        return Ok(Backend { set: &["pbcopy"], get: &["pbpaste"] });
    }
    if cfg!(windows) {
        return Ok(Backend {
            set: &["powershell", "-NoProfile", "-NonInteractive", "-Command", "$input | Set-Clipboard"],
            get: &["powershell", "-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"],
        });
    }
    if env::var_os("WAYLAND_DISPLAY").is_some() {
        return Ok(Backend { set: &["wl-copy"], get: &["wl-paste", "--no-newline"] });
    }
    if env::var_os("DISPLAY").is_some() {
        if on_path("xclip") {
            return Ok(Backend {
                set: &["xclip", "-selection", "clipboard", "-in"],
                get: &["xclip", "-selection", "clipboard", "-out"],
            });
        }
        if on_path("xsel") {
            return Ok(Backend {
                set: &["xsel", "--clipboard", "--input"],
                get: &["xsel", "--clipboard", "--output"],
            });
        }
    }
    Err(io::Error::new(io::ErrorKind::Unsupported, "no clipboard tool found (install wl-clipboard, xclip or xsel)"))
}

fn on_path(bin: &str) -> bool {
    env::var_os("PATH")
        .map(|p| env::split_paths(&p).any(|d| d.join(bin).is_file()))
        .unwrap_or(false)
}

fn cmd(argv: &[&str]) -> Command {
    let mut c = Command::new(argv[0]);
    c.args(&argv[1..]);
    c
}

/// Replace the clipboard contents with `text`.
pub fn set_text(text: &str) -> io::Result<()> {
    let b = backend()?;
    let mut child = cmd(b.set).stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    child.stdin.take().expect("piped stdin").write_all(text.as_bytes())?;
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::Other, format!("clipboard tool failed: {}", status)))
    }
}

/// Current clipboard contents as text.
pub fn get_text() -> io::Result<String> {
    let b = backend()?;
    let mut child = cmd(b.get).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn()?;
    let mut s = String::new();
    child.stdout.take().expect("piped stdout").read_to_string(&mut s)?;
    child.wait()?;
    if cfg!(windows) && s.ends_with("\r\n") {
        s.truncate(s.len() - 2);
    }
    Ok(s)
}
