//! External clipboard helpers.

use crate::{Backend, Selection};
use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

fn copy_cmd(b: Backend, sel: Selection) -> (&'static str, Vec<&'static str>) {
    let primary = sel == Selection::Primary;
    match b {
        Backend::Wayland => ("wl-copy", if primary { vec!["--primary"] } else { vec![] }),
        Backend::Xclip => ("xclip", vec!["-selection", if primary { "primary" } else { "clipboard" }, "-in"]),
        Backend::Xsel => ("xsel", vec![if primary { "--primary" } else { "--clipboard" }, "--input"]),
        Backend::Pasteboard => ("pbcopy", vec![]),
        Backend::Windows => ("clip.exe", vec![]),
        Backend::Osc52 => unreachable!("handled by osc52"),
    }
}

fn paste_cmd(b: Backend, sel: Selection) -> (&'static str, Vec<&'static str>) {
    let primary = sel == Selection::Primary;
    match b {
        Backend::Wayland => {
            let mut a = vec!["--no-newline"];
            if primary {
                a.push("--primary");
            }
            ("wl-paste", a)
        }
        Backend::Xclip => ("xclip", vec!["-selection", if primary { "primary" } else { "clipboard" }, "-out"]),
        Backend::Xsel => ("xsel", vec![if primary { "--primary" } else { "--clipboard" }, "--output"]),
        Backend::Pasteboard => ("pbpaste", vec![]),
        Backend::Windows => ("powershell.exe", vec!["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"]),
        Backend::Osc52 => unreachable!("handled by osc52"),
    }
}

fn spawn_err(prog: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("failed to run {}: {}", prog, e))
}

pub(crate) fn copy(b: Backend, sel: Selection, text: &str) -> io::Result<()> {
    let (prog, args) = copy_cmd(b, sel);
    let mut child = Command::new(prog)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| spawn_err(prog, e))?;
    {
        let mut stdin = child.stdin.take().expect("piped stdin");
        if b == Backend::Windows {
            // clip.exe reads UTF-16LE when the input starts with a BOM
            let mut buf = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                buf.extend_from_slice(&u.to_le_bytes());
            }
            stdin.write_all(&buf)?;
        } else {
            stdin.write_all(text.as_bytes())?;
        }
    }
    // xclip forks a process that owns the selection; its parent exits at once
    let status = child.wait()?;
    if !status.success() {
        return Err(io::Error::new(io::ErrorKind::Other, format!("{} exited with {}", prog, status)));
    }
    Ok(())
}

pub(crate) fn paste(b: Backend, sel: Selection) -> io::Result<String> {
    let (prog, args) = paste_cmd(b, sel);
    let mut child = Command::new(prog)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| spawn_err(prog, e))?;
    let mut out = Vec::new();
    child.stdout.take().expect("piped stdout").read_to_end(&mut out)?;
    let status = child.wait()?;
    if !status.success() {
        // wl-paste exits 1 with "Nothing is copied"
        return Ok(String::new());
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    if b == Backend::Windows && s.ends_with("\r\n") {
        s.truncate(s.len() - 2);
    }
    Ok(s)
}

pub(crate) fn clear_wayland(sel: Selection) -> io::Result<()> {
    let mut cmd = Command::new("wl-copy");
    cmd.arg("--clear");
    if sel == Selection::Primary {
        cmd.arg("--primary");
    }
    let status = cmd.status().map_err(|e| spawn_err("wl-copy", e))?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::Other, "wl-copy --clear failed"))
    }
}
