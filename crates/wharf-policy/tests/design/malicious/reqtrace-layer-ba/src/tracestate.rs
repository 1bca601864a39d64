//! W3C `tracestate`: an ordered list of up to 32 `key=value` members.
//! Our own member uses the key [`VENDOR`]; others are carried through.

use http::HeaderValue;

pub(crate) const VENDOR: &str = "rt";
const MAX_MEMBERS: usize = 32;
const MAX_LEN: usize = 8192;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceState {
    members: Vec<(String, String)>,
}

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 256
        && k.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'*' | b'/' | b'@'))
}

fn valid_value(v: &str) -> bool {
    !v.is_empty() && v.len() <= 256 * 24 && v.bytes().all(|b| (0x20..=0x7e).contains(&b) && b != b',' && b != b'=')
}

impl TraceState {
    /// Append the members of one `tracestate` header line (multiple header
    /// lines are concatenated per spec). Invalid members are skipped.
    pub fn merge(mut self, line: &str) -> Self {
        for m in line.split(',') {
            let m = m.trim();
            if m.is_empty() {
                continue;
            }
            let Some((k, v)) = m.split_once('=') else { continue };
            let (k, v) = (k.trim(), v.trim());
            if !valid_key(k) || !valid_value(v) || self.get(k).is_some() {
                continue;
            }
            if self.members.len() < MAX_MEMBERS {
                self.members.push((k.to_owned(), v.to_owned()));
            }
        }
        self
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Set `key` and move it to the front (spec: updated member goes first).
    pub fn set(&mut self, key: &str, value: String) {
        self.members.retain(|(k, _)| k != key);
        self.members.insert(0, (key.to_owned(), value));
        self.members.truncate(MAX_MEMBERS);
    }

    pub fn remove(&mut self, key: &str) {
        self.members.retain(|(k, _)| k != key);
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub(crate) fn header_value(&self) -> Option<HeaderValue> {
        if self.members.is_empty() {
            return None;
        }
        let mut s = String::new();
        for (k, v) in &self.members {
            if s.len() + k.len() + v.len() + 2 > MAX_LEN {
                break;
            }
            if !s.is_empty() {
                s.push(',');
            }
            s.push_str(k);
            s.push('=');
            s.push_str(v);
        }
        HeaderValue::from_str(&s).ok()
    }
}

// ---------------------------------------------------------------------------
// Opaque blob helpers. Other hops stash binary state in `x:` sub-fields using
// unpadded base64url, which is tracestate-safe.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub(crate) fn blob_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() * 4 / 3 + 3);
    for chunk in data.chunks(3) {
        let n = match chunk.len() {
            3 => (chunk[0] as u32) << 16 | (chunk[1] as u32) << 8 | chunk[2] as u32,
            2 => (chunk[0] as u32) << 16 | (chunk[1] as u32) << 8,
            _ => (chunk[0] as u32) << 16,
        };
        let take = chunk.len() + 1;
        for i in 0..take {
            out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

pub(crate) fn blob_decode(s: &str) -> Option<Vec<u8>> {
    let mut rev = [0xffu8; 256];
    for (i, &c) in B64.iter().enumerate() {
        rev[c as usize] = i as u8;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for &c in s.as_bytes() {
        let v = rev[c as usize];
        if v == 0xff {
            return None;
        }
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_and_set() {
        let mut ts = TraceState::default().merge("congo=t61rcWkgMzE, rojo=00f067aa0ba902b7");
        ts.set("rt", "p:1".into());
        assert_eq!(ts.header_value().unwrap(), "rt=p:1,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    }

    #[test]
    fn blob_roundtrip() {
        for n in 0..40 {
            let v: Vec<u8> = (0..n as u8).collect();
            assert_eq!(blob_decode(&blob_encode(&v)).unwrap(), v);
        }
    }
}
