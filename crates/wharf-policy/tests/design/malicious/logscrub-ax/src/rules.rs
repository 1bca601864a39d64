//! Built-in detectors. Hand-written matchers instead of regexes: no
//! dependency, no pathological inputs, and a single pass per line.

/// Detector ids, in a fixed order (indices are used in statistics).
pub const RULE_IDS: [&str; 14] = [
    "aws-access-key-id",
    "aws-secret-access-key",
    "github-token",
    "gitlab-token",
    "slack-token",
    "stripe-key",
    "jwt",
    "pem-private-key",
    "evm-private-key",
    "solana-keypair",
    "bearer-token",
    "basic-auth-url",
    "password-assignment",
    "known-secret",
];

pub(crate) const AWS_KEY_ID: usize = 0;
pub(crate) const AWS_SECRET: usize = 1;
pub(crate) const GITHUB: usize = 2;
pub(crate) const GITLAB: usize = 3;
pub(crate) const SLACK: usize = 4;
pub(crate) const STRIPE: usize = 5;
pub(crate) const JWT: usize = 6;
pub(crate) const PEM: usize = 7;
pub(crate) const EVM: usize = 8;
pub(crate) const SOLANA: usize = 9;
pub(crate) const BEARER: usize = 10;
pub(crate) const URL_CRED: usize = 11;
pub(crate) const ASSIGNMENT: usize = 12;
pub(crate) const KNOWN: usize = 13;

/// Digest of the rule set; changes whenever detectors are added or renamed
/// and keys the statistics so that counts from different versions are never
/// mixed.
pub(crate) const RULESET_DIGEST: u64 = {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < RULE_IDS.len() {
        let b = RULE_IDS[i].as_bytes();
        let mut j = 0;
        while j <= b.len() {
            h ^= if j < b.len() { b[j] as u64 } else { 0 };
            h = h.wrapping_mul(0x0100_0000_01b3);
            j += 1;
        }
        i += 1;
    }
    h
};

/// A matched range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub rule: usize,
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'.' | b'~')
}

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn all(s: &[u8], f: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&b| f(b))
}

fn classify_token(t: &[u8]) -> Option<usize> {
    let n = t.len();
    if n < 16 {
        return None;
    }
    if n == 20 && (t.starts_with(b"AKIA") || t.starts_with(b"ASIA")) && all(&t[4..], |b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return Some(AWS_KEY_ID);
    }
    for p in [&b"ghp_"[..], b"gho_", b"ghu_", b"ghs_", b"ghr_"] {
        if n == 40 && t.starts_with(p) && all(&t[4..], |b| b.is_ascii_alphanumeric()) {
            return Some(GITHUB);
        }
    }
    if t.starts_with(b"github_pat_") && n >= 60 {
        return Some(GITHUB);
    }
    if t.starts_with(b"glpat-") && n >= 26 {
        return Some(GITLAB);
    }
    if n >= 24 && t.starts_with(b"xox") && matches!(t[3], b'a' | b'b' | b'p' | b'r' | b's') && t[4] == b'-' {
        return Some(SLACK);
    }
    if (t.starts_with(b"sk_live_") || t.starts_with(b"rk_live_")) && n >= 32 {
        return Some(STRIPE);
    }
    if t.starts_with(b"eyJ") && t.iter().filter(|&&b| b == b'.').count() == 2 && n >= 36 {
        return Some(JWT);
    }
    let hex = |s: &[u8]| all(s, |b| b.is_ascii_hexdigit());
    if (n == 66 && t.starts_with(b"0x") && hex(&t[2..])) || (n == 64 && hex(t)) {
        return Some(EVM);
    }
    if (86..=88).contains(&n) && all(t, |b| B58.contains(&b)) {
        return Some(SOLANA);
    }
    if n == 40
        && all(t, |b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
        && t.iter().any(u8::is_ascii_uppercase)
        && t.iter().any(u8::is_ascii_lowercase)
        && t.iter().any(u8::is_ascii_digit)
    {
        return Some(AWS_SECRET);
    }
    None
}

fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn pem_blocks(s: &[u8], out: &mut Vec<Span>) {
    let mut at = 0;
    while let Some(b) = find_ci(s, b"-----BEGIN ", at) {
        let Some(head_end) = find_ci(s, b"-----", b + 11) else { return };
        if !s[b..head_end].ends_with(b"PRIVATE KEY") {
            at = head_end + 5;
            continue;
        }
        let end = find_ci(s, b"-----END ", head_end + 5)
            .and_then(|e| find_ci(s, b"-----", e + 9).map(|x| x + 5))
            .unwrap_or(s.len());
        out.push(Span { start: b, end, rule: PEM });
        at = end;
    }
}

fn url_credentials(s: &[u8], out: &mut Vec<Span>) {
    let mut at = 0;
    while let Some(i) = find_ci(s, b"://", at) {
        let auth_start = i + 3;
        let auth_end = s[auth_start..]
            .iter()
            .position(|&b| b == b'/' || b == b'?' || b == b'#' || b.is_ascii_whitespace() || b == b'"')
            .map_or(s.len(), |p| auth_start + p);
        if let Some(at_sign) = s[auth_start..auth_end].iter().rposition(|&b| b == b'@') {
            let userinfo = &s[auth_start..auth_start + at_sign];
            if let Some(colon) = userinfo.iter().position(|&b| b == b':') {
                let start = auth_start + colon + 1;
                let end = auth_start + at_sign;
                if end > start {
                    out.push(Span { start, end, rule: URL_CRED });
                }
            }
        }
        at = auth_end.max(auth_start);
    }
}

const ASSIGN_KEYS: &[&[u8]] = &[
    b"password", b"passwd", b"pwd", b"secret", b"api_key", b"apikey", b"api-key", b"access_token", b"auth_token",
    b"client_secret", b"private_key",
];

fn assignments(s: &[u8], out: &mut Vec<Span>) {
    for key in ASSIGN_KEYS {
        let mut at = 0;
        while let Some(k) = find_ci(s, key, at) {
            at = k + key.len();
            // key must not be the middle of a longer identifier on the left
            if k > 0 && (s[k - 1].is_ascii_alphanumeric()) {
                continue;
            }
            let mut i = at;
            // allow `password_hash`-style suffixes to be skipped, not matched
            if i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
                continue;
            }
            while i < s.len() && matches!(s[i], b'"' | b'\'' | b' ') {
                i += 1;
            }
            if i >= s.len() || !matches!(s[i], b'=' | b':') {
                continue;
            }
            i += 1;
            while i < s.len() && matches!(s[i], b' ' | b'"' | b'\'') {
                i += 1;
            }
            let start = i;
            while i < s.len() && !matches!(s[i], b' ' | b'"' | b'\'' | b',' | b'&' | b';' | b'}' | b'\n' | b'\r') {
                i += 1;
            }
            if i > start && !s[start..i].starts_with(b"[REDACTED") {
                out.push(Span { start, end: i, rule: ASSIGNMENT });
            }
        }
    }
}

fn bearer(s: &[u8], out: &mut Vec<Span>) {
    let mut at = 0;
    while let Some(b) = find_ci(s, b"bearer ", at) {
        let start = b + 7;
        let end = s[start..].iter().position(|&x| !is_token_byte(x) && x != b'=').map_or(s.len(), |p| start + p);
        if end - start >= 16 {
            out.push(Span { start, end, rule: BEARER });
        }
        at = end.max(start);
    }
}

fn tokens(s: &[u8], out: &mut Vec<Span>) {
    let mut i = 0;
    while i < s.len() {
        if !is_token_byte(s[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && is_token_byte(s[i]) {
            i += 1;
        }
        let mut end = i;
        while end > start && s[end - 1] == b'.' {
            end -= 1;
        }
        if let Some(rule) = classify_token(&s[start..end]) {
            out.push(Span { start, end, rule });
        }
    }
}

/// All detector matches in `s` for the enabled rules (possibly overlapping).
pub(crate) fn find_all(s: &str, enabled: &[bool; 14], out: &mut Vec<Span>) {
    let b = s.as_bytes();
    if enabled[PEM] {
        pem_blocks(b, out);
    }
    if enabled[URL_CRED] {
        url_credentials(b, out);
    }
    if enabled[ASSIGNMENT] {
        assignments(b, out);
    }
    if enabled[BEARER] {
        bearer(b, out);
    }
    tokens(b, out);
    out.retain(|sp| enabled[sp.rule] && s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_in(s: &str) -> Vec<&'static str> {
        let mut v = Vec::new();
        find_all(s, &[true; 14], &mut v);
        v.iter().map(|sp| RULE_IDS[sp.rule]).collect()
    }

    #[test]
    fn detectors() {
        assert_eq!(rules_in("key AKIAIOSFODNN7EXAMPLE."), ["aws-access-key-id"]);
        assert_eq!(rules_in("ghp_0123456789abcdefghijklmnopqrstuvwxyz"), ["github-token"]);
        assert_eq!(rules_in("https://bob:s3cr3t@db.example.com/x"), ["basic-auth-url"]);
        assert_eq!(rules_in("Authorization: Bearer abcdefghijklmnop1234"), ["bearer-token"]);
        assert_eq!(rules_in("password = \"hunter2\""), ["password-assignment"]);
        assert!(rules_in("password_hash=abc").is_empty());
        assert!(rules_in("nothing to see here").is_empty());
    }
}
