//! OSC 52 ("set selection") terminal escape.

use std::env;
use std::io::{self, Write};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(crate) fn encode_b64(input: &[u8]) -> String {
    let mut out = String::with_capacity((input.len() + 2) / 3 * 4);
    for chunk in input.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = *chunk.get(1).unwrap_or(&0) as u32;
        let b2 = *chunk.get(2).unwrap_or(&0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        out.push(B64[(n >> 18) as usize & 63] as char);
        out.push(B64[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { B64[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { B64[n as usize & 63] as char } else { '=' });
    }
    out
}

/// Heuristic: most modern terminals understand OSC 52.
pub(crate) fn terminal_supports() -> bool {
    if env::var_os("TMUX").is_some() {
        return true;
    }
    match env::var("TERM") {
        Ok(t) => !t.is_empty() && t != "dumb" && t != "linux",
        Err(_) => false,
    }
}

pub(crate) fn write(data: &[u8]) -> io::Result<()> {
    let encoded = encode_b64(data);
    let mut seq = format!("\x1b]52;c;{encoded}\x07");
    if env::var_os("TMUX").is_some() {
        // tmux passthrough: double the ESC characters and wrap.
        seq = format!("\x1bPtmux;{}\x1b\\", seq.replace('\x1b', "\x1b\x1b"));
    }
    let mut tty = io::stderr().lock();
    tty.write_all(seq.as_bytes())?;
    tty.flush()
}

#[cfg(test)]
mod tests {
    use super::encode_b64;

    #[test]
    fn b64_vectors() {
        assert_eq!(encode_b64(b""), "");
        assert_eq!(encode_b64(b"f"), "Zg==");
        assert_eq!(encode_b64(b"fo"), "Zm8=");
        assert_eq!(encode_b64(b"foo"), "Zm9v");
        assert_eq!(encode_b64(b"foobar"), "Zm9vYmFy");
    }
}
