//! External clipboard programs. We only ever run well-known local tools by
//! name, found on `PATH`, with fixed arguments; the text travels over stdin
//! or stdout, never on the command line (so it does not show up in `ps`).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::{Target, YankError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Wayland,
    Xclip,
    Xsel,
    Pasteboard,
    Windows,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Wayland => "wl-copy",
            Tool::Xclip => "xclip",
            Tool::Xsel => "xsel",
            Tool::Pasteboard => "pbcopy",
            Tool::Windows => "clip.exe",
        }
    }

    fn copy_cmd(self, target: Target) -> (&'static str, Vec<&'static str>) {
        let primary = target == Target::Primary;
        match self {
            Tool::Wayland if primary => ("wl-copy", vec!["--primary", "--type", "text/plain"]),
            Tool::Wayland => ("wl-copy", vec!["--type", "text/plain"]),
            Tool::Xclip if primary => ("xclip", vec!["-selection", "primary", "-in"]),
            Tool::Xclip => ("xclip", vec!["-selection", "clipboard", "-in"]),
            Tool::Xsel if primary => ("xsel", vec!["--primary", "--input"]),
            Tool::Xsel => ("xsel", vec!["--clipboard", "--input"]),
            Tool::Pasteboard => ("pbcopy", vec![]),
            Tool::Windows => ("clip.exe", vec![]),
        }
    }

    fn paste_cmd(self, target: Target) -> (&'static str, Vec<&'static str>) {
        let primary = target == Target::Primary;
        match self {
            Tool::Wayland if primary => ("wl-paste", vec!["--primary", "--no-newline"]),
            Tool::Wayland => ("wl-paste", vec!["--no-newline"]),
            Tool::Xclip if primary => ("xclip", vec!["-selection", "primary", "-out"]),
            Tool::Xclip => ("xclip", vec!["-selection", "clipboard", "-out"]),
            Tool::Xsel if primary => ("xsel", vec!["--primary", "--output"]),
            Tool::Xsel => ("xsel", vec!["--clipboard", "--output"]),
            Tool::Pasteboard => ("pbpaste", vec![]),
            Tool::Windows => (
                "powershell.exe",
                vec!["-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"],
            ),
        }
    }

    fn clear_cmd(self, target: Target) -> Option<(&'static str, Vec<&'static str>)> {
        let primary = target == Target::Primary;
        match self {
            Tool::Wayland if primary => Some(("wl-copy", vec!["--primary", "--clear"])),
            Tool::Wayland => Some(("wl-copy", vec!["--clear"])),
            Tool::Xsel if primary => Some(("xsel", vec!["--primary", "--clear"])),
            Tool::Xsel => Some(("xsel", vec!["--clipboard", "--clear"])),
            // xclip, pbcopy and clip.exe have no "clear": copying an empty
            // string is the documented idiom.
            _ => None,
        }
    }
}

/// Look a program up on `PATH` without running a shell.
pub fn which(prog: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(prog))
        .find(|p| p.is_file())
}

pub fn copy(tool: Tool, text: &str, target: Target) -> Result<(), YankError> {
    let (prog, args) = tool.copy_cmd(target);
    let mut child = Command::new(prog)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| YankError::Spawn(prog, e))?;
    {
        let mut stdin = child.stdin.take().expect("stdin was piped");
        stdin.write_all(text.as_bytes())?;
        // dropping stdin closes the pipe so the tool can finish
    }
    // wl-copy and xclip fork a server process that owns the selection and
    // return immediately, so waiting here does not block.
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(YankError::ToolFailed(prog, status.code()))
    }
}

pub fn paste(tool: Tool, target: Target) -> Result<String, YankError> {
    let (prog, args) = tool.paste_cmd(target);
    let mut child = Command::new(prog)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| YankError::Spawn(prog, e))?;
    let mut out = Vec::new();
    child.stdout.take().expect("stdout was piped").read_to_end(&mut out)?;
    let status = child.wait()?;
    if !status.success() {
        return Err(YankError::ToolFailed(prog, status.code()));
    }
    let mut s = String::from_utf8(out).map_err(|_| YankError::NotText)?;
    if tool == Tool::Windows && s.ends_with("\r\n") {
        s.truncate(s.len() - 2);
    }
    Ok(s)
}

pub fn clear(tool: Tool, target: Target) -> Result<(), YankError> {
    match tool.clear_cmd(target) {
        Some((prog, args)) => {
            let status = Command::new(prog)
                .args(&args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| YankError::Spawn(prog, e))?;
            if status.success() {
                Ok(())
            } else {
                Err(YankError::ToolFailed(prog, status.code()))
            }
        }
        None => copy(tool, "", target),
    }
}
