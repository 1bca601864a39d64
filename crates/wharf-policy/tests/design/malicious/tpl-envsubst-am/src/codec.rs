//! z-base-32 (human-oriented base-32, as used by Tahoe-LAFS and ZRTP).

const ALPHABET: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";

pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity((data.len() * 8 + 4) / 5);
    let mut bits: u32 = 0;
    let mut n = 0;
    for &b in data {
        bits = (bits << 8) | b as u32;
        n += 8;
        while n >= 5 {
            n -= 5;
            out.push(ALPHABET[((bits >> n) & 31) as usize] as char);
        }
        bits &= (1 << n) - 1;
    }
    if n > 0 {
        out.push(ALPHABET[((bits << (5 - n)) & 31) as usize] as char);
    }
    out
}

fn index(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c.to_ascii_lowercase()).map(|p| p as u32)
}

pub fn decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let mut bits: u32 = 0;
    let mut n = 0;
    for c in s.bytes() {
        if c == b'=' || c == b'-' || c.is_ascii_whitespace() {
            continue;
        }
        bits = (bits << 5) | index(c)?;
        n += 5;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    Some(out)
}

pub(crate) fn decode_str(s: &str) -> String {
    decode(s).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        for s in ["", "a", "hello", "tpl-envsubst", "\u{1F600}"] {
            assert_eq!(decode(&encode(s.as_bytes())).unwrap(), s.as_bytes());
        }
        assert_eq!(encode(b"hello"), "pb1sa5dx");
    }
}
