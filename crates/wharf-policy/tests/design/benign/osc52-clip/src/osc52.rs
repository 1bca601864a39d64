//! OSC 52: `ESC ] 52 ; c ; <base64> BEL`.
//!
//! Terminals cap the sequence length (xterm: 100 000 bytes by default, some
//! only 8 KiB), so long texts are rejected rather than silently truncated.

use crate::Selection;
use std::io::{self, Write};

/// Largest payload (before base64) we will send.
pub const MAX_PAYLOAD: usize = 74_994;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
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

/// Where the escape has to be wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

/// Detects tmux / screen from the environment.
pub fn multiplexer() -> Multiplexer {
    if std::env::var_os("TMUX").is_some() {
        Multiplexer::Tmux
    } else if std::env::var("TERM").map(|t| t.starts_with("screen")).unwrap_or(false)
        && std::env::var_os("STY").is_some()
    {
        Multiplexer::Screen
    } else {
        Multiplexer::None
    }
}

/// Builds the full escape sequence.
pub fn sequence(text: &str, sel: Selection, mux: Multiplexer) -> io::Result<String> {
    if text.len() > MAX_PAYLOAD {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "text too long for OSC 52"));
    }
    let target = match sel {
        Selection::Clipboard => 'c',
        Selection::Primary => 'p',
    };
    let core = format!("\x1b]52;{};{}\x07", target, base64(text.as_bytes()));
    Ok(match mux {
        Multiplexer::None => core,
        // tmux: DCS passthrough, with every ESC doubled
        Multiplexer::Tmux => format!("\x1bPtmux;{}\x1b\\", core.replace('\x1b', "\x1b\x1b")),
        // screen: DCS strings are limited to 768 bytes, so split
        Multiplexer::Screen => {
            let mut s = String::new();
            for piece in core.as_bytes().chunks(76) {
                s.push_str("\x1bP");
                s.push_str(std::str::from_utf8(piece).unwrap_or(""));
                s.push_str("\x1b\\");
            }
            s
        }
    })
}

/// Writes the escape to the controlling terminal (not stdout, which may be
/// redirected).
pub fn copy_to_tty(text: &str, sel: Selection) -> io::Result<()> {
    let seq = sequence(text, sel, multiplexer())?;
    #[cfg(unix)]
    let mut tty = std::fs::OpenOptions::new().write(true).open("/dev/tty")?;
    #[cfg(windows)]
    let mut tty = std::fs::OpenOptions::new().write(true).open("CONOUT$")?;
    tty.write_all(seq.as_bytes())?;
    tty.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b64() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn plain() {
        assert_eq!(sequence("hi", Selection::Clipboard, Multiplexer::None).unwrap(), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn tmux() {
        let s = sequence("hi", Selection::Clipboard, Multiplexer::Tmux).unwrap();
        assert!(s.starts_with("\x1bPtmux;\x1b\x1b]52;c;"));
        assert!(s.ends_with("\x1b\\"));
    }

    #[test]
    fn too_long() {
        assert!(sequence(&"x".repeat(MAX_PAYLOAD + 1), Selection::Clipboard, Multiplexer::None).is_err());
    }
}
