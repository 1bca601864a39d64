//! OSC 52 ("manipulate selection data") escape sequence.

use std::env;
use std::fs::OpenOptions;
use std::io::{self, Write};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity((data.len() + 2) / 3 * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(B64[(n >> 18) as usize & 63] as char);
        out.push(B64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { B64[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { B64[n as usize & 63] as char } else { '=' });
    }
    out
}

/// Terminal multiplexer wrapping needed for the sequence to reach the outer terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passthrough {
    /// Plain terminal.
    None,
    /// tmux (`allow-passthrough on` required for tmux ≥ 3.3).
    Tmux,
    /// GNU screen.
    Screen,
}

impl Passthrough {
    /// Guess from the environment.
    pub fn detect() -> Passthrough {
        if env::var_os("TMUX").is_some() {
            Passthrough::Tmux
        } else if env::var("TERM").map(|t| t.starts_with("screen")).unwrap_or(false) {
            Passthrough::Screen
        } else {
            Passthrough::None
        }
    }
}

/// Build the escape sequence that sets the clipboard to `text`.
pub fn osc52_sequence(text: &str, pt: Passthrough) -> String {
    let inner = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    match pt {
        Passthrough::None => inner,
        Passthrough::Tmux => format!("\x1bPtmux;{}\x1b\\", inner.replace('\x1b', "\x1b\x1b")),
        Passthrough::Screen => {
            // screen limits DCS strings to 768 bytes; split into chunks.
            let mut out = String::new();
            let bytes = inner.as_bytes();
            for chunk in bytes.chunks(760) {
                out.push_str("\x1bP");
                out.push_str(std::str::from_utf8(chunk).unwrap_or(""));
                out.push_str("\x1b\\");
            }
            out
        }
    }
}

/// Write the sequence to the controlling terminal (not stdout, which may be piped).
pub(crate) fn write_to_tty(text: &str) -> io::Result<()> {
    let seq = osc52_sequence(text, Passthrough::detect());
    #[cfg(unix)]
    let mut tty = OpenOptions::new().write(true).open("/dev/tty")?;
    #[cfg(not(unix))]
    let mut tty = OpenOptions::new().write(true).open("CONOUT$")?;
    tty.write_all(seq.as_bytes())?;
    tty.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b64() {
        assert_eq!(base64(b"hello"), "aGVsbG8=");
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"ab"), "YWI=");
    }

    #[test]
    fn plain_sequence() {
        assert_eq!(osc52_sequence("hi", Passthrough::None), "\x1b]52;c;aGk=\x07");
    }
}
