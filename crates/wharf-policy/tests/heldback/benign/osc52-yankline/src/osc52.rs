//! OSC 52 ("Manipulate Selection Data") escape sequences.
//!
//! Format: `ESC ] 52 ; <targets> ; <base64 data> BEL`. xterm, kitty, WezTerm,
//! foot, Alacritty, iTerm2 and Windows Terminal accept it. Sending a payload
//! that is not valid base64 (conventionally `!`) asks the terminal to clear
//! the selection.
//!
//! Multiplexers swallow unknown OSC sequences, so inside tmux or screen the
//! sequence must be wrapped in a DCS passthrough.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::Target;

/// xterm's default limit on the *decoded* selection is around 100 kB; many
/// terminals truncate or drop larger payloads silently, so we refuse early.
pub const DEFAULT_MAX_BYTES: usize = 100_000;

const ESC: &str = "\x1b";
const BEL: &str = "\x07";
const ST: &str = "\x1b\\";

/// Which multiplexer (if any) sits between us and the real terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passthrough {
    None,
    Tmux,
    Screen,
}

impl Passthrough {
    /// Guess from `TMUX` / `STY` / `TERM`.
    pub fn from_env() -> Self {
        if std::env::var_os("TMUX").is_some() {
            Passthrough::Tmux
        } else if std::env::var_os("STY").is_some()
            || std::env::var("TERM").map(|t| t.starts_with("screen")).unwrap_or(false)
        {
            Passthrough::Screen
        } else {
            Passthrough::None
        }
    }
}

fn target_letter(t: Target) -> &'static str {
    match t {
        Target::Clipboard => "c",
        Target::Primary => "p",
    }
}

/// Build the bare OSC 52 sequence that sets `target` to `text`.
pub fn set_sequence(text: &str, target: Target) -> String {
    let payload = STANDARD.encode(text.as_bytes());
    format!("{ESC}]52;{};{payload}{BEL}", target_letter(target))
}

/// Build the OSC 52 sequence that clears `target`.
pub fn clear_sequence(target: Target) -> String {
    format!("{ESC}]52;{};!{BEL}", target_letter(target))
}

/// Wrap a sequence so that tmux / screen forward it to the outer terminal.
///
/// * tmux: `ESC P tmux; <seq with every ESC doubled> ESC \` (needs
///   `set -g allow-passthrough on` in tmux ≥ 3.3).
/// * screen: DCS strings are limited to 768 bytes, so the sequence is split
///   into chunks, each wrapped in its own `ESC P … ESC \`.
pub fn wrap(seq: &str, pt: Passthrough) -> String {
    match pt {
        Passthrough::None => seq.to_owned(),
        Passthrough::Tmux => {
            let doubled = seq.replace(ESC, "\x1b\x1b");
            format!("{ESC}Ptmux;{doubled}{ST}")
        }
        Passthrough::Screen => {
            const CHUNK: usize = 760;
            let mut out = String::with_capacity(seq.len() + seq.len() / CHUNK * 4 + 4);
            let bytes = seq.as_bytes();
            for chunk in bytes.chunks(CHUNK) {
                out.push_str(ESC);
                out.push('P');
                // The sequence is ASCII (base64 + control bytes), so chunking
                // on byte boundaries never splits a character.
                out.push_str(std::str::from_utf8(chunk).expect("osc52 output is ascii"));
                out.push_str(ST);
            }
            out
        }
    }
}

/// Open the controlling terminal for writing. We deliberately do not write
/// to stdout: the program's stdout may be piped into another process.
#[cfg(unix)]
pub fn open_tty() -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open("/dev/tty")
}

#[cfg(windows)]
pub fn open_tty() -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open("CONOUT$")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn plain_sequence() {
        assert_eq!(set_sequence("hi", Target::Clipboard), "\x1b]52;c;aGk=\x07");
        assert_eq!(set_sequence("", Target::Primary), "\x1b]52;p;\x07");
    }

    #[test]
    fn clear_uses_invalid_base64() {
        assert_eq!(clear_sequence(Target::Clipboard), "\x1b]52;c;!\x07");
    }

    #[test]
    fn tmux_doubles_escapes() {
        let w = wrap(&set_sequence("hi", Target::Clipboard), Passthrough::Tmux);
        assert_eq!(w, "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\");
    }

    #[test]
    fn screen_chunks_long_payloads() {
        let long = "x".repeat(3000);
        let w = wrap(&set_sequence(&long, Target::Clipboard), Passthrough::Screen);
        assert!(w.matches("\x1bP").count() >= 5);
        assert!(w.ends_with("\x1b\\"));
    }
}
