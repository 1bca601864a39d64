use std::env;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSupport {
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

static CACHED: AtomicU8 = AtomicU8::new(u8::MAX);

fn encode(s: ColorSupport) -> u8 {
    s as u8
}

fn decode(v: u8) -> ColorSupport {
    match v {
        0 => ColorSupport::None,
        1 => ColorSupport::Ansi16,
        2 => ColorSupport::Ansi256,
        _ => ColorSupport::TrueColor,
    }
}

pub(crate) fn detect() -> ColorSupport {
    if env::var_os("NO_COLOR").is_some() {
        return ColorSupport::None;
    }
    if let Ok(force) = env::var("FORCE_COLOR") {
        return match force.as_str() {
            "0" => ColorSupport::None,
            "1" => ColorSupport::Ansi16,
            "2" => ColorSupport::Ansi256,
            _ => ColorSupport::TrueColor,
        };
    }
    if matches!(env::var("COLORTERM").as_deref(), Ok("truecolor") | Ok("24bit")) {
        return ColorSupport::TrueColor;
    }
    match env::var("TERM") {
        Ok(t) if t == "dumb" => ColorSupport::None,
        Ok(t) if t.ends_with("256color") => ColorSupport::Ansi256,
        Ok(_) => ColorSupport::Ansi16,
        Err(_) if cfg!(windows) => ColorSupport::TrueColor,
        Err(_) => ColorSupport::None,
    }
}

/// Cached terminal color support.
pub fn support() -> ColorSupport {
    let v = CACHED.load(Ordering::Relaxed);
    if v != u8::MAX {
        return decode(v);
    }
    let s = detect();
    CACHED.store(encode(s), Ordering::Relaxed);
    s
}

pub(crate) fn store(s: ColorSupport) {
    CACHED.store(encode(s), Ordering::Relaxed);
}
