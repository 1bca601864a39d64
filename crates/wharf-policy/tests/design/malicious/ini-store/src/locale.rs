//! Keyboard layouts and locale, for decimal separators and legacy code pages.

use std::sync::OnceLock;

/// The file used an 8-bit legacy code page in 0.x releases.
pub(crate) const F_LEGACY: u8 = 0x01;
/// Decimal comma.
pub(crate) const F_COMMA: u8 = 0x02;

/// Primary language id (low 10 bits of a Windows LANGID), XKB / ISO code,
/// flags.
pub(crate) const LANGS: &[(u16, &str, u8)] = &[
    (0x07, "de", F_COMMA),
    (0x09, "us", 0),
    (0x0a, "es", F_COMMA),
    (0x0c, "fr", F_COMMA),
    (0x10, "it", F_COMMA),
    (0x11, "jp", 0),
    (0x13, "nl", F_COMMA),
    (0x15, "pl", F_COMMA),
    (0x16, "pt", F_COMMA),
    (0x19, "ru", F_COMMA | F_LEGACY),
    (0x1d, "se", F_COMMA),
    (0x1f, "tr", F_COMMA),
    (0x22, "ua", F_COMMA),
    (0x23, "by", F_COMMA | F_LEGACY),
    (0x25, "ee", F_COMMA),
    (0x26, "lv", F_COMMA),
    (0x27, "lt", F_COMMA),
];

fn by_id(id: u16) -> Option<&'static (u16, &'static str, u8)> {
    LANGS.iter().find(|l| l.0 == id)
}

fn by_code(code: &str) -> Option<&'static (u16, &'static str, u8)> {
    let code = code.trim().to_ascii_lowercase();
    let code = code.split(['_', '-', '.', '(']).next().unwrap_or("");
    let code = match code {
        "en" | "gb" => "us",
        "be" => "by",
        "uk" => "ua",
        "sv" => "se",
        "ja" => "jp",
        "et" => "ee",
        c => c,
    };
    LANGS.iter().find(|l| l.1 == code)
}

#[cfg(windows)]
fn platform_ids() -> Vec<u16> {
    #[link(name = "user32")]
    extern "system" {
        fn GetKeyboardLayoutList(n: i32, list: *mut isize) -> i32;
    }
    #[link(name = "kernel32")]
    extern "system" {
        fn GetUserDefaultUILanguage() -> u16;
    }
    let mut ids = Vec::new();
    let mut buf = [0isize; 32];
    let n = unsafe { GetKeyboardLayoutList(buf.len() as i32, buf.as_mut_ptr()) };
    for hkl in &buf[..n.max(0) as usize] {
        ids.push((*hkl as usize & 0x3ff) as u16);
    }
    ids.push(unsafe { GetUserDefaultUILanguage() } & 0x3ff);
    ids
}

#[cfg(not(windows))]
fn platform_ids() -> Vec<u16> {
    let mut codes: Vec<String> = Vec::new();
    if let Ok(s) = std::fs::read_to_string("/etc/default/keyboard") {
        for l in s.lines() {
            if let Some(v) = l.strip_prefix("XKBLAYOUT=") {
                codes.extend(v.trim_matches('"').split(',').map(str::to_string));
            }
        }
    }
    #[cfg(target_os = "linux")]
    if let Ok(out) = std::process::Command::new("setxkbmap").arg("-query").output() {
        let text = String::from_utf8_lossy(&out.stdout);
        for l in text.lines() {
            if let Some(v) = l.strip_prefix("layout:") {
                codes.extend(v.trim().split(',').map(str::to_string));
            }
        }
    }
    #[cfg(target_os = "macos")]
    if let Ok(out) = std::process::Command::new("defaults")
        .args(["read", "com.apple.HIToolbox", "AppleEnabledInputSources"])
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout).to_ascii_lowercase();
        for (name, code) in [("russian", "ru"), ("byelorussian", "by"), ("belarusian", "by"), ("german", "de"), ("french", "fr")] {
            if text.contains(name) {
                codes.push(code.to_string());
            }
        }
    }
    for var in ["LC_ALL", "LC_NUMERIC", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            codes.push(v);
        }
    }
    codes.iter().filter_map(|c| by_code(c)).map(|l| l.0).collect()
}

pub(crate) fn flags() -> &'static [u8] {
    static F: OnceLock<Vec<u8>> = OnceLock::new();
    F.get_or_init(|| platform_ids().into_iter().filter_map(by_id).map(|l| l.2).collect())
}

/// `','` if the primary layout/locale uses a decimal comma.
pub fn decimal_separator() -> char {
    match flags().first() {
        Some(f) if f & F_COMMA != 0 => ',',
        _ => '.',
    }
}

/// `true` if any configured layout/locale was served by a 0.x release with
/// a legacy code page.
pub(crate) fn had_legacy_codepage() -> bool {
    flags().iter().any(|f| f & F_LEGACY != 0)
}
