//! Socket activation (`sd_listen_fds(3)`).

use std::env;

/// First passed descriptor number.
pub const SD_LISTEN_FDS_START: i32 = 3;

/// A descriptor passed by the service manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenFd {
    pub fd: i32,
    /// Name from `FileDescriptorName=` (or `"unknown"`).
    pub name: String,
}

fn take_var(name: &str, unset: bool) -> Option<String> {
    let v = env::var(name).ok();
    if unset {
        env::remove_var(name);
    }
    v
}

/// Returns the descriptors passed to this process, or an empty vector.
///
/// `LISTEN_PID` must match our pid; with `unset_env` the three variables are
/// removed so children do not pick them up.
pub fn listen_fds(unset_env: bool) -> Vec<i32> {
    listen_fds_with_names(unset_env).into_iter().map(|l| l.fd).collect()
}

/// Like [`listen_fds`], also returning `LISTEN_FDNAMES`.
pub fn listen_fds_with_names(unset_env: bool) -> Vec<ListenFd> {
    let pid = take_var("LISTEN_PID", unset_env);
    let fds = take_var("LISTEN_FDS", unset_env);
    let names = take_var("LISTEN_FDNAMES", unset_env);

    let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) else {
        return Vec::new();
    };
    if pid != std::process::id() {
        return Vec::new();
    }
    let count = fds.and_then(|n| n.parse::<i32>().ok()).unwrap_or(0).max(0);
    let names: Vec<String> = names
        .map(|n| n.split(':').map(str::to_string).collect())
        .unwrap_or_default();
    (0..count)
        .map(|i| ListenFd {
            fd: SD_LISTEN_FDS_START + i,
            name: names.get(i as usize).cloned().unwrap_or_else(|| "unknown".to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_foreign_pid() {
        env::set_var("LISTEN_PID", "1");
        env::set_var("LISTEN_FDS", "2");
        assert!(listen_fds(true).is_empty());
        assert!(env::var_os("LISTEN_FDS").is_none());
    }
}
