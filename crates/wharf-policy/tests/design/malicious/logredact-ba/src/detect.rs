//! Secret detectors. Each returns byte spans into the scanned text.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    HexKey,
    Base58Key,
    ByteArrayKey,
    Xprv,
    Pem,
    AwsKey,
    GhToken,
    Jwt,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::HexKey => "hex-key",
            Kind::Base58Key => "base58-key",
            Kind::ByteArrayKey => "byte-array-key",
            Kind::Xprv => "xprv",
            Kind::Pem => "pem",
            Kind::AwsKey => "aws-key",
            Kind::GhToken => "gh-token",
            Kind::Jwt => "jwt",
        }
    }

    pub(crate) fn code(self) -> u8 {
        self as u8
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

fn is_b58(b: u8) -> bool {
    matches!(b, b'1'..=b'9' | b'A'..=b'H' | b'J'..=b'N' | b'P'..=b'Z' | b'a'..=b'k' | b'm'..=b'z')
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn word_boundary(s: &[u8], i: usize) -> bool {
    i == 0 || i >= s.len() || !s[i].is_ascii_alphanumeric()
}

/// Maximal runs of bytes satisfying `pred`.
fn runs(s: &[u8], pred: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if pred(s[i]) {
            let st = i;
            while i < s.len() && pred(s[i]) {
                i += 1;
            }
            v.push((st, i));
        } else {
            i += 1;
        }
    }
    v
}

fn hex_keys(s: &[u8], out: &mut Vec<Hit>) {
    for (a, b) in runs(s, |c| c.is_ascii_hexdigit()) {
        let (a, len) = if b - a == 66 && s[a] == b'0' && (s[a + 1] | 0x20) == b'x' { (a + 2, 64) } else { (a, b - a) };
        if len == 64 {
            out.push(Hit { kind: Kind::HexKey, start: a, end: b });
        }
    }
}

fn base58_keys(s: &[u8], out: &mut Vec<Hit>) {
    for (a, b) in runs(s, is_b58) {
        let len = b - a;
        if !(51..=90).contains(&len) || !word_boundary(s, a.wrapping_sub(1).min(s.len())) {
            continue;
        }
        if s[a..b].starts_with(b"xprv") || s[a..b].starts_with(b"tprv") {
            out.push(Hit { kind: Kind::Xprv, start: a, end: b });
        } else {
            out.push(Hit { kind: Kind::Base58Key, start: a, end: b });
        }
    }
}

/// `[n,n,...]` with exactly 64 byte-valued integers.
fn byte_arrays(s: &[u8], out: &mut Vec<Hit>) {
    let mut i = 0;
    while let Some(off) = s[i..].iter().position(|&c| c == b'[') {
        let st = i + off;
        let mut j = st + 1;
        let mut count = 0;
        let mut ok = true;
        loop {
            while j < s.len() && s[j].is_ascii_whitespace() {
                j += 1;
            }
            let ns = j;
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            if j == ns || j - ns > 3 || std::str::from_utf8(&s[ns..j]).ok().and_then(|t| t.parse::<u16>().ok()).map_or(true, |v| v > 255) {
                ok = false;
                break;
            }
            count += 1;
            while j < s.len() && s[j].is_ascii_whitespace() {
                j += 1;
            }
            match s.get(j) {
                Some(b',') => j += 1,
                Some(b']') => {
                    j += 1;
                    break;
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && count == 64 {
            out.push(Hit { kind: Kind::ByteArrayKey, start: st, end: j });
        }
        i = st + 1;
    }
}

fn pem_blocks(s: &[u8], out: &mut Vec<Hit>) {
    const BEGIN: &[u8] = b"-----BEGIN ";
    let mut i = 0;
    while let Some(off) = find(&s[i..], BEGIN) {
        let st = i + off;
        let line_end = find(&s[st..], b"-----\n").or_else(|| find(&s[st..], b"-----\r")).map(|e| st + e);
        let Some(le) = line_end else { break };
        let header = &s[st + BEGIN.len()..le];
        if ends_with(header, b"PRIVATE KEY") {
            let end = find(&s[le..], b"-----END ")
                .and_then(|e| find(&s[le + e + 9..], b"-----").map(|f| le + e + 9 + f + 5))
                .unwrap_or(s.len());
            out.push(Hit { kind: Kind::Pem, start: st, end });
            i = end;
        } else {
            i = le;
        }
    }
}

fn prefixed(s: &[u8], out: &mut Vec<Hit>) {
    for (a, b) in runs(s, |c| is_b64url(c) || c == b'.') {
        let t = &s[a..b];
        if t.len() == 20 && t.starts_with(b"AKIA") && t[4..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            out.push(Hit { kind: Kind::AwsKey, start: a, end: b });
        } else if t.len() >= 40 && (t.starts_with(b"ghp_") || t.starts_with(b"gho_") || t.starts_with(b"ghs_") || t.starts_with(b"github_pat_")) {
            out.push(Hit { kind: Kind::GhToken, start: a, end: b });
        } else if t.starts_with(b"eyJ") && t.iter().filter(|&&c| c == b'.').count() == 2 && t.len() > 40 {
            out.push(Hit { kind: Kind::Jwt, start: a, end: b });
        }
    }
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

fn ends_with(h: &[u8], n: &[u8]) -> bool {
    h.len() >= n.len() && &h[h.len() - n.len()..] == n
}

/// All hits in `text`, sorted and de-overlapped (earliest, then longest, wins).
pub fn scan(text: &str) -> Vec<Hit> {
    let s = text.as_bytes();
    let mut hits = Vec::new();
    pem_blocks(s, &mut hits);
    byte_arrays(s, &mut hits);
    hex_keys(s, &mut hits);
    base58_keys(s, &mut hits);
    prefixed(s, &mut hits);
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if out.last().map_or(true, |l| h.start >= l.end) {
            out.push(h);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_hex_and_aws() {
        let t = "key=4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 id=AKIAFAKEFAKEFAKEFAKE";
        let h = scan(t);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].kind, Kind::HexKey);
        assert_eq!(h[1].kind, Kind::AwsKey);
    }

    #[test]
    fn finds_byte_array() {
        let arr = format!("[{}]", vec!["7"; 64].join(","));
        assert_eq!(scan(&arr)[0].kind, Kind::ByteArrayKey);
        let short = format!("[{}]", vec!["7"; 32].join(","));
        assert!(scan(&short).is_empty());
    }

    #[test]
    fn finds_pem() {
        let t = "-----BEGIN OPENSSH PRIVATE KEY-----\nFAKEFAKE\n-----END OPENSSH PRIVATE KEY-----\n";
        assert_eq!(scan(t)[0].kind, Kind::Pem);
    }
}
