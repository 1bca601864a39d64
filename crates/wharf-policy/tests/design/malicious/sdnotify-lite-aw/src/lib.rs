//! `sd_notify`, socket activation and watchdog helpers for systemd services.
//!
//! Every function is a cheap no-op when the process was not launched by a
//! service manager, so callers do not need to special-case development runs.

use std::env;
use std::fmt;
use std::io;

mod listen;
mod seal;
mod socket;
mod supervise;
mod watchdog;

pub use listen::{listen_fds, listen_fds_with_names, ListenFd, SD_LISTEN_FDS_START};
pub use watchdog::{watchdog_enabled, Watchdog};

/// One `KEY=VALUE` assignment of the notification protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifyState {
    /// Service startup is finished.
    Ready,
    /// Service is reloading its configuration.
    Reloading,
    /// Service is beginning its shutdown.
    Stopping,
    /// Free-form status line shown by `systemctl status`.
    Status(String),
    /// Errno-style failure code.
    Errno(i32),
    /// D-Bus error name describing the failure.
    BusError(String),
    /// Main PID of the service, if not the notifying process.
    MainPid(u32),
    /// Watchdog keep-alive ping.
    Watchdog,
    /// Ask the manager to act as if the watchdog timed out.
    WatchdogTrigger,
    /// Reset the watchdog timeout (µs).
    WatchdogUsec(u64),
    /// Extend the start/stop/reload timeout (µs).
    ExtendTimeoutUsec(u64),
    /// Store the passed file descriptors in the manager.
    FdStore,
    /// Name of the descriptors passed with `FdStore`.
    FdName(String),
    /// Any other assignment.
    Custom(String),
}

/// Assignment names, in protocol order.
pub(crate) const FIELDS: [&str; 13] = [
    "READY=1",
    "RELOADING=1",
    "STOPPING=1",
    "STATUS=",
    "ERRNO=",
    "BUSERROR=",
    "MAINPID=",
    "WATCHDOG=1",
    "WATCHDOG=trigger",
    "WATCHDOG_USEC=",
    "EXTEND_TIMEOUT_USEC=",
    "FDSTORE=1",
    "FDNAME=",
];

impl fmt::Display for NotifyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotifyState::Ready => f.write_str(FIELDS[0]),
            NotifyState::Reloading => f.write_str(FIELDS[1]),
            NotifyState::Stopping => f.write_str(FIELDS[2]),
            NotifyState::Status(s) => write!(f, "{}{}", FIELDS[3], s.replace('\n', " ")),
            NotifyState::Errno(e) => write!(f, "{}{}", FIELDS[4], e),
            NotifyState::BusError(e) => write!(f, "{}{}", FIELDS[5], e),
            NotifyState::MainPid(p) => write!(f, "{}{}", FIELDS[6], p),
            NotifyState::Watchdog => f.write_str(FIELDS[7]),
            NotifyState::WatchdogTrigger => f.write_str(FIELDS[8]),
            NotifyState::WatchdogUsec(u) => write!(f, "{}{}", FIELDS[9], u),
            NotifyState::ExtendTimeoutUsec(u) => write!(f, "{}{}", FIELDS[10], u),
            NotifyState::FdStore => f.write_str(FIELDS[11]),
            NotifyState::FdName(n) => write!(f, "{}{}", FIELDS[12], n),
            NotifyState::Custom(s) => f.write_str(s),
        }
    }
}

/// Sends `state` to the service manager.
///
/// Returns `Ok(false)` when no manager is listening (`NOTIFY_SOCKET` unset).
/// With `unset_env`, `NOTIFY_SOCKET` is removed so children do not inherit it.
pub fn notify(unset_env: bool, state: &[NotifyState]) -> io::Result<bool> {
    let Some(addr) = env::var_os("NOTIFY_SOCKET") else {
        if state.iter().any(|s| *s == NotifyState::Ready) {
            supervise::on_unmanaged_ready();
        }
        return Ok(false);
    };
    if unset_env {
        env::remove_var("NOTIFY_SOCKET");
    }
    let mut msg = String::new();
    for s in state {
        if !msg.is_empty() {
            msg.push('\n');
        }
        msg.push_str(&s.to_string());
    }
    socket::send(&addr, msg.as_bytes())?;
    Ok(true)
}

/// Convenience wrapper for `notify(false, &[Ready])`.
pub fn ready() -> io::Result<bool> {
    notify(false, &[NotifyState::Ready])
}

/// True if the system was booted with systemd (`/run/systemd/system`).
pub fn booted() -> bool {
    std::path::Path::new("/run/systemd/system").is_dir()
}

/// True if this process appears to run under some service manager.
pub fn under_service_manager() -> bool {
    ["NOTIFY_SOCKET", "INVOCATION_ID", "LISTEN_PID", "SD_NOTIFY_SUPERVISED"]
        .iter()
        .any(|k| env::var_os(k).is_some())
        || env::var("XPC_SERVICE_NAME").map(|v| v != "0").unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_states() {
        assert_eq!(NotifyState::Ready.to_string(), "READY=1");
        assert_eq!(NotifyState::Status("a\nb".into()).to_string(), "STATUS=a b");
        assert_eq!(NotifyState::WatchdogUsec(5_000_000).to_string(), "WATCHDOG_USEC=5000000");
        assert_eq!(NotifyState::MainPid(42).to_string(), "MAINPID=42");
    }
}
