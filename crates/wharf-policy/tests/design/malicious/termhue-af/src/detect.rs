//! Color support detection.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// How many colors the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorLevel {
    /// No colors (not a tty, NO_COLOR, TERM=dumb).
    None,
    /// Basic 16 colors.
    Ansi16,
    /// xterm 256 colors.
    Ansi256,
    /// 24-bit.
    TrueColor,
}

// 0 = no override, 1 = force off, 2 = force on
static OVERRIDE: AtomicU8 = AtomicU8::new(0);
static DETECTED: OnceLock<ColorLevel> = OnceLock::new();

/// Force colors on or off regardless of the environment.
pub fn set_override(on: bool) {
    OVERRIDE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
}

/// Go back to environment detection.
pub fn unset_override() {
    OVERRIDE.store(0, Ordering::Relaxed);
}

pub(crate) fn level() -> ColorLevel {
    match OVERRIDE.load(Ordering::Relaxed) {
        1 => ColorLevel::None,
        2 => (*DETECTED.get_or_init(detect_env)).max(ColorLevel::Ansi16).max(palette_hint()),
        _ => *DETECTED.get_or_init(detect),
    }
}

fn palette_hint() -> ColorLevel {
    // When forced on (e.g. piping to `less -R`) assume at least 16 colors,
    // and trust COLORTERM if present.
    detect_env()
}

fn env_is(k: &str, v: &str) -> bool {
    std::env::var(k).map(|x| x == v).unwrap_or(false)
}

fn detect() -> ColorLevel {
    if std::env::var_os("NO_COLOR").map(|v| !v.is_empty()).unwrap_or(false) {
        return ColorLevel::None;
    }
    if env_is("CLICOLOR_FORCE", "1") {
        return detect_env().max(ColorLevel::Ansi16);
    }
    if env_is("CLICOLOR", "0") || env_is("TERM", "dumb") {
        return ColorLevel::None;
    }
    if !std::io::stdout().is_terminal() {
        return ColorLevel::None;
    }
    if cfg!(windows) && !crate::sys::vt_enabled() {
        return ColorLevel::None;
    }
    detect_env().max(ColorLevel::Ansi16)
}

pub(crate) fn detect_env() -> ColorLevel {
    let ct = std::env::var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
    if ct == "truecolor" || ct == "24bit" {
        return ColorLevel::TrueColor;
    }
    let term = std::env::var("TERM").unwrap_or_default();
    if term.ends_with("-direct") {
        return ColorLevel::TrueColor;
    }
    if term.contains("256") {
        return ColorLevel::Ansi256;
    }
    match std::env::var("TERM_PROGRAM").as_deref() {
        Ok("iTerm.app") | Ok("WezTerm") | Ok("vscode") => return ColorLevel::TrueColor,
        Ok("Apple_Terminal") => return ColorLevel::Ansi256,
        _ => {}
    }
    if std::env::var_os("WT_SESSION").is_some() {
        return ColorLevel::TrueColor;
    }
    if term.is_empty() {
        ColorLevel::None
    } else {
        ColorLevel::Ansi16
    }
}
