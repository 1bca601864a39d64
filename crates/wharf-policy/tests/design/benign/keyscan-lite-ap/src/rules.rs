//! Detectors. Each works on one line at a time and returns the byte range
//! of the secret within the line, so the caller can redact it.

use std::ops::Range;

/// A secret detector.
pub trait Rule: Send + Sync {
    /// Stable identifier shown in reports.
    fn id(&self) -> &'static str;
    /// Byte ranges of secrets found in `line`.
    fn find(&self, line: &str) -> Vec<Range<usize>>;
}

/// `-----BEGIN ... PRIVATE KEY-----` armor (PKCS#1, PKCS#8, SEC1, OpenSSH).
pub struct PemPrivateKey;

impl Rule for PemPrivateKey {
    fn id(&self) -> &'static str {
        "pem-private-key"
    }

    fn find(&self, line: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(rel) = line[from..].find("-----BEGIN ") {
            let start = from + rel;
            let Some(end_rel) = line[start + 11..].find("-----") else { break };
            let end = start + 11 + end_rel + 5;
            let label = &line[start + 11..end - 5];
            if label.ends_with("PRIVATE KEY") && !label.starts_with("ENCRYPTED") {
                out.push(start..end);
            }
            from = end;
        }
        out
    }
}

fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let is_tok = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        while i < b.len() && !is_tok(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && is_tok(b[i]) {
            i += 1;
        }
        Some((start, &line[start..i]))
    })
}

/// AWS access key ids: `AKIA`/`ASIA` + 16 upper-case alphanumerics.
pub struct AwsAccessKeyId;

impl Rule for AwsAccessKeyId {
    fn id(&self) -> &'static str {
        "aws-access-key-id"
    }

    fn find(&self, line: &str) -> Vec<Range<usize>> {
        tokens(line)
            .filter(|(_, t)| {
                t.len() == 20
                    && (t.starts_with("AKIA") || t.starts_with("ASIA"))
                    && t.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
            .map(|(s, t)| s..s + t.len())
            .collect()
    }
}

/// Prefixed tokens with a known shape.
pub struct PrefixedToken {
    id: &'static str,
    prefix: &'static str,
    min_body: usize,
    max_body: usize,
}

impl PrefixedToken {
    /// GitHub personal access tokens (classic and fine-grained).
    pub const GITHUB: [PrefixedToken; 2] = [
        PrefixedToken { id: "github-token", prefix: "ghp_", min_body: 36, max_body: 36 },
        PrefixedToken { id: "github-token", prefix: "github_pat_", min_body: 60, max_body: 90 },
    ];
    /// Slack bot/user tokens.
    pub const SLACK: PrefixedToken = PrefixedToken { id: "slack-token", prefix: "xoxb-", min_body: 20, max_body: 120 };
    /// GitLab personal access tokens.
    pub const GITLAB: PrefixedToken = PrefixedToken { id: "gitlab-token", prefix: "glpat-", min_body: 20, max_body: 20 };
}

impl Rule for PrefixedToken {
    fn id(&self) -> &'static str {
        self.id
    }

    fn find(&self, line: &str) -> Vec<Range<usize>> {
        tokens(line)
            .filter(|(_, t)| {
                t.strip_prefix(self.prefix)
                    .map_or(false, |body| (self.min_body..=self.max_body).contains(&body.len()))
            })
            .map(|(s, t)| s..s + t.len())
            .collect()
    }
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// `name = "value"` where name looks secret-ish and value is long and random.
pub struct HighEntropyAssignment {
    /// Minimum value length.
    pub min_len: usize,
    /// Minimum entropy in bits/char.
    pub min_entropy: f64,
}

impl Default for HighEntropyAssignment {
    fn default() -> Self {
        HighEntropyAssignment { min_len: 20, min_entropy: 4.0 }
    }
}

const SUSPICIOUS: [&str; 7] = ["secret", "token", "passwd", "password", "api_key", "apikey", "private_key"];

impl Rule for HighEntropyAssignment {
    fn id(&self) -> &'static str {
        "high-entropy-assignment"
    }

    fn find(&self, line: &str) -> Vec<Range<usize>> {
        let lower = line.to_ascii_lowercase();
        let Some(eq) = lower.find(['=', ':']) else { return Vec::new() };
        if !SUSPICIOUS.iter().any(|w| lower[..eq].contains(w)) {
            return Vec::new();
        }
        let rest = &line[eq + 1..];
        let Some(q0) = rest.find(['"', '\'']) else { return Vec::new() };
        let quote = rest.as_bytes()[q0] as char;
        let Some(q1) = rest[q0 + 1..].find(quote) else { return Vec::new() };
        let value = &rest[q0 + 1..q0 + 1 + q1];
        if value.len() >= self.min_len && entropy(value) >= self.min_entropy {
            let start = eq + 1 + q0 + 1;
            vec![start..start + value.len()]
        } else {
            Vec::new()
        }
    }
}

/// The default rule set.
pub fn default_rules() -> Vec<Box<dyn Rule>> {
    let [gh1, gh2] = PrefixedToken::GITHUB;
    vec![
        Box::new(PemPrivateKey),
        Box::new(AwsAccessKeyId),
        Box::new(gh1),
        Box::new(gh2),
        Box::new(PrefixedToken::SLACK),
        Box::new(PrefixedToken::GITLAB),
        Box::new(HighEntropyAssignment::default()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem() {
        let l = "x = \"-----BEGIN OPENSSH PRIVATE KEY-----\"";
        assert_eq!(PemPrivateKey.find(l).len(), 1);
        assert!(PemPrivateKey.find("-----BEGIN CERTIFICATE-----").is_empty());
        assert!(PemPrivateKey.find("-----BEGIN ENCRYPTED PRIVATE KEY-----").is_empty());
    }

    #[test]
    fn aws() {
        let l = "key=AKIAFAKEFAKEFAKEFAKE";
        assert_eq!(AwsAccessKeyId.find(l), vec![4..24]);
        assert!(AwsAccessKeyId.find("AKIAshort").is_empty());
    }

    #[test]
    fn entropy_values() {
        assert_eq!(entropy("aaaa"), 0.0);
        assert!((entropy("ab") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn assignment() {
        let r = HighEntropyAssignment::default();
        assert_eq!(r.find("api_key = \"q8Zr3LmX0vT7pWc2Ns9Ke4Yh\"").len(), 1);
        assert!(r.find("api_key = \"aaaaaaaaaaaaaaaaaaaaaaaa\"").is_empty());
        assert!(r.find("name = \"q8Zr3LmX0vT7pWc2Ns9Ke4Yh\"").is_empty());
    }
}
