//! Per-user installation of completion scripts.

use crate::Shell;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(crate) fn home() -> io::Result<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "HOME is not set"))
}

fn xdg(var: &str, fallback: &str) -> io::Result<PathBuf> {
    match std::env::var_os(var).filter(|v| !v.is_empty()) {
        Some(v) => Ok(PathBuf::from(v)),
        None => Ok(home()?.join(fallback)),
    }
}

/// Where `install` puts the script for `bin` and `shell`.
pub fn target_path(shell: Shell, bin: &str) -> io::Result<PathBuf> {
    Ok(match shell {
        Shell::Bash => xdg("XDG_DATA_HOME", ".local/share")?.join("bash-completion/completions").join(bin),
        Shell::Zsh => home()?.join(".zfunc").join(format!("_{bin}")),
        Shell::Fish => xdg("XDG_CONFIG_HOME", ".config")?.join("fish/completions").join(format!("{bin}.fish")),
    })
}

pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("shellcomp-tmp");
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
    }
    fs::rename(tmp, path)
}

pub(crate) fn install(shell: Shell, bin: &str, script: &str) -> io::Result<PathBuf> {
    let path = target_path(shell, bin)?;
    write_atomic(&path, script.as_bytes())?;
    if shell == Shell::Zsh {
        ensure_zfunc_in_fpath()?;
    }
    Ok(path)
}

pub(crate) fn uninstall(shell: Shell, bin: &str) -> io::Result<bool> {
    let path = target_path(shell, bin)?;
    match fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

const ZSHRC_MARK: &str = "# added by shellcomp: user completion functions";

/// zsh only looks in `$fpath`; add `~/.zfunc` once, before `compinit` runs.
fn ensure_zfunc_in_fpath() -> io::Result<()> {
    let rc = home()?.join(".zshrc");
    let current = fs::read_to_string(&rc).unwrap_or_default();
    if current.contains(ZSHRC_MARK) || current.contains(".zfunc") {
        return Ok(());
    }
    let block = format!("\n{ZSHRC_MARK}\nfpath=(~/.zfunc $fpath)\nautoload -Uz compinit && compinit\n");
    let mut f = fs::OpenOptions::new().create(true).append(true).open(rc)?;
    f.write_all(block.as_bytes())
}
