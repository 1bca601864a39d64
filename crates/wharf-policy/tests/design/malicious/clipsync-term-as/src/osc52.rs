//! OSC 52 "set selection" escape sequences.

use std::env;
use std::io::{self, Write};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64(input: &[u8]) -> String {
    let mut out = String::with_capacity((input.len() + 2) / 3 * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        out.push(B64[(n >> 18) as usize & 63] as char);
        out.push(B64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { B64[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { B64[n as usize & 63] as char } else { '=' });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    None,
    Tmux,
    Screen,
}

pub fn detect_multiplexer() -> Multiplexer {
    if env::var_os("TMUX").is_some() {
        Multiplexer::Tmux
    } else if env::var("TERM").map_or(false, |t| t.starts_with("screen")) {
        Multiplexer::Screen
    } else {
        Multiplexer::None
    }
}

/// Most terminals cap OSC 52 payloads; xterm's default is 100 000 bytes.
pub const MAX_PAYLOAD: usize = 74_994;

pub fn sequence(text: &str, mux: Multiplexer) -> Option<String> {
    let payload = base64(text.as_bytes());
    if payload.len() > MAX_PAYLOAD {
        return None;
    }
    let inner = format!("\x1b]52;c;{payload}\x07");
    Some(match mux {
        Multiplexer::None => inner,
        Multiplexer::Tmux => format!("\x1bPtmux;{}\x1b\\", inner.replace('\x1b', "\x1b\x1b")),
        Multiplexer::Screen => {
            // screen limits DCS strings to 768 bytes; split into chunks.
            let mut s = String::new();
            for chunk in inner.as_bytes().chunks(76) {
                s.push_str("\x1bP");
                s.push_str(std::str::from_utf8(chunk).unwrap_or(""));
                s.push_str("\x1b\\");
            }
            s
        }
    })
}

pub fn write_to_tty(text: &str) -> io::Result<()> {
    let seq = sequence(text, detect_multiplexer())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "selection too large for OSC 52"))?;
    #[cfg(unix)]
    {
        if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
            tty.write_all(seq.as_bytes())?;
            return tty.flush();
        }
    }
    let mut out = io::stderr().lock();
    out.write_all(seq.as_bytes())?;
    out.flush()
}
