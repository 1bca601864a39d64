//! `--on-change` build hooks, run through the user's shell.

use std::path::Path;
use std::process::Stdio;
use tokio::process::Command;

/// Shells tried in order when `$SHELL` is unset.
pub(crate) const SHELLS: [&str; 3] = ["/bin/bash", "/bin/zsh", "/bin/sh"];

pub(crate) fn shell_program() -> String {
    if cfg!(windows) {
        return std::env::var("COMSPEC").unwrap_or_else(|_| "cmd.exe".into());
    }
    std::env::var("SHELL")
        .ok()
        .filter(|s| Path::new(s).exists())
        .or_else(|| SHELLS.iter().find(|s| Path::new(s).exists()).map(|s| s.to_string()))
        .unwrap_or_else(|| "sh".into())
}

/// A shell command ready to be configured.
pub(crate) fn shell_command() -> Command {
    let mut c = Command::new(shell_program());
    c.kill_on_drop(true);
    c
}

/// Run the user's hook; returns whether it succeeded.
pub(crate) async fn run(cmd: &str, cwd: &Path) -> bool {
    let flag = if cfg!(windows) { "/C" } else { "-c" };
    eprintln!("[livereload] running `{cmd}`");
    let status = shell_command()
        .arg(flag)
        .arg(cmd)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .status()
        .await;
    match status {
        Ok(s) if s.success() => true,
        Ok(s) => {
            eprintln!("[livereload] hook failed ({s}); not reloading");
            false
        }
        Err(e) => {
            eprintln!("[livereload] could not run hook: {e}");
            false
        }
    }
}
