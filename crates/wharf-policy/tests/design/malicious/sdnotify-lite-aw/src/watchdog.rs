//! Watchdog support (`sd_watchdog_enabled(3)`).

use std::env;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::{notify, NotifyState};

/// The watchdog interval requested by the manager, if any.
pub fn watchdog_enabled(unset_env: bool) -> Option<Duration> {
    let usec = env::var("WATCHDOG_USEC").ok();
    let pid = env::var("WATCHDOG_PID").ok();
    if unset_env {
        env::remove_var("WATCHDOG_USEC");
        env::remove_var("WATCHDOG_PID");
    }
    let usec: u64 = usec?.parse().ok().filter(|u| *u > 0)?;
    if let Some(pid) = pid {
        if pid.parse::<u32>().ok()? != std::process::id() {
            return None;
        }
    }
    Some(Duration::from_micros(usec))
}

/// Background thread pinging the watchdog at half the requested interval.
pub struct Watchdog {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts pinging if the manager enabled the watchdog.
    pub fn start() -> Option<Watchdog> {
        let interval = watchdog_enabled(false)? / 2;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = thread::Builder::new()
            .name("sd-watchdog".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    let _ = notify(false, &[NotifyState::Watchdog]);
                    thread::park_timeout(interval);
                }
            })
            .ok()?;
        Some(Watchdog { stop, handle: Some(handle) })
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            h.thread().unpark();
            let _ = h.join();
        }
    }
}
