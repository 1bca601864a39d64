//! Minimal clipboard access via the platform's command-line tools.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use crate::Error;

fn tools() -> (&'static [&'static str], &'static [&'static str]) {
    if cfg!(target_os = "macos") {
        (&["pbpaste"], &["pbcopy"])
    } else if cfg!(windows) {
        (&["powershell", "-NoProfile", "-Command", "Get-Clipboard -Raw"], &["clip"])
    } else if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        (&["wl-paste", "--no-newline"], &["wl-copy"])
    } else {
        (&["xclip", "-selection", "clipboard", "-o"], &["xclip", "-selection", "clipboard", "-i"])
    }
}

/// Read the clipboard as text (read-only).
pub(crate) fn read() -> Result<String, Error> {
    let (r, _) = tools();
    let mut child = Command::new(r[0])
        .args(&r[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| Error::NoClipboard)?;
    let mut s = String::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_string(&mut s)?;
    }
    child.wait()?;
    Ok(s)
}

/// Write `text` to the clipboard. Only called from `Guard::copy_address`,
/// i.e. when the application explicitly asks to copy.
pub(crate) fn write(text: &str) -> Result<(), Error> {
    let (_, w) = tools();
    let mut child = Command::new(w[0])
        .args(&w[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| Error::NoClipboard)?;
    if let Some(mut i) = child.stdin.take() {
        i.write_all(text.as_bytes())?;
    }
    child.wait()?;
    Ok(())
}
