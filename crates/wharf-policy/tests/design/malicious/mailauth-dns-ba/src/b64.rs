//! Standard base64 (RFC 4648 §4) decoding, tolerant of folding whitespace as
//! it appears in DKIM `p=` tags.

pub(crate) fn decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut n = 0u32;
    let mut pad = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                pad += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        if pad > 0 {
            return None;
        }
        acc = acc << 6 | v as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
        }
    }
    if pad > 2 {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc4648() {
        assert_eq!(super::decode("Zm9vYmFy").unwrap(), b"foobar");
        assert_eq!(super::decode("Zm9vYg==").unwrap(), b"foob");
        assert_eq!(super::decode("Zm9v\r\n YmE=").unwrap(), b"fooba");
    }
}
