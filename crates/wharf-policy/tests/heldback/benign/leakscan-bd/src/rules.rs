//! Built-in detection rules. Each rule is a plain function over one line (or
//! the whole file, for structural rules) so the crate needs no regex engine.

/// A raw match inside a line: byte offset and the matched secret text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub col: usize,
    pub secret: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
}

pub type LineRule = fn(&str) -> Vec<Hit>;
pub type FileRule = fn(&str) -> Option<Hit>;

pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub description: &'static str,
    pub check: Check,
}

pub enum Check {
    Line(LineRule),
    File(FileRule),
}

pub fn builtin() -> Vec<Rule> {
    vec![
        Rule {
            id: "private-key-pem",
            severity: Severity::High,
            description: "PEM or OpenSSH private key block",
            check: Check::Line(pem_private_key),
        },
        Rule {
            id: "aws-access-key-id",
            severity: Severity::Medium,
            description: "AWS access key ID",
            check: Check::Line(aws_key_id),
        },
        Rule {
            id: "aws-secret-access-key",
            severity: Severity::High,
            description: "AWS secret access key next to its variable name",
            check: Check::Line(aws_secret),
        },
        Rule {
            id: "github-token",
            severity: Severity::High,
            description: "GitHub personal access / OAuth / app token",
            check: Check::Line(github_token),
        },
        Rule {
            id: "slack-token",
            severity: Severity::High,
            description: "Slack bot/user token",
            check: Check::Line(slack_token),
        },
        Rule {
            id: "cratesio-token",
            severity: Severity::High,
            description: "crates.io API token",
            check: Check::Line(cratesio_token),
        },
        Rule {
            id: "hex-private-key",
            severity: Severity::High,
            description: "64 hex digits assigned to a private-key-like name",
            check: Check::Line(hex_private_key),
        },
        Rule {
            id: "keypair-json",
            severity: Severity::High,
            description: "JSON array of 64 bytes (Solana-style keypair file)",
            check: Check::File(keypair_json),
        },
        Rule {
            id: "generic-secret",
            severity: Severity::Low,
            description: "high-entropy value assigned to a secret-like name",
            check: Check::Line(generic_secret),
        },
    ]
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Find every occurrence of `prefix` followed by `len` bytes satisfying
/// `ok`, bounded by non-word characters on both sides.
fn prefixed(line: &str, prefix: &str, len: usize, ok: fn(u8) -> bool) -> Vec<Hit> {
    let b = line.as_bytes();
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(pos) = line[from..].find(prefix) {
        let start = from + pos;
        from = start + 1;
        if start > 0 && is_word(b[start - 1]) {
            continue;
        }
        let body = start + prefix.len();
        let end = body + len;
        if end > b.len() || !b[body..end].iter().all(|&c| ok(c)) {
            continue;
        }
        if end < b.len() && is_word(b[end]) {
            continue;
        }
        hits.push(Hit {
            col: start,
            secret: line[start..end].to_owned(),
        });
    }
    hits
}

fn pem_private_key(line: &str) -> Vec<Hit> {
    let t = line.trim();
    if t.starts_with("-----BEGIN ") && t.ends_with("PRIVATE KEY-----") {
        let col = line.len() - line.trim_start().len();
        return vec![Hit {
            col,
            secret: t.to_owned(),
        }];
    }
    Vec::new()
}

fn upper_digit(c: u8) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}

fn aws_key_id(line: &str) -> Vec<Hit> {
    let mut v = prefixed(line, "AKIA", 16, upper_digit);
    v.extend(prefixed(line, "ASIA", 16, upper_digit));
    // Documentation example keys end in EXAMPLE; don't report them.
    v.retain(|h| !h.secret.ends_with("EXAMPLE"));
    v
}

fn b64ish(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'/' || c == b'+'
}

/// Value assigned after `name` on the same line: `name = "v"`, `name: v`,
/// `"name": "v"`.
fn assigned_value<'a>(line: &'a str, name_pred: fn(&str) -> bool) -> Option<(usize, &'a str)> {
    let sep = line.find(|c| c == '=' || c == ':')?;
    let name = line[..sep]
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim_start_matches("export ")
        .trim();
    if !name_pred(&name.to_ascii_lowercase()) {
        return None;
    }
    let rest = &line[sep + 1..];
    let v = rest.trim_start();
    let start = sep + 1 + (rest.len() - v.len());
    let (start, v) = match v.as_bytes().first() {
        Some(b'"') | Some(b'\'') => {
            let q = v.as_bytes()[0] as char;
            let inner = &v[1..];
            let end = inner.find(q)?;
            (start + 1, &inner[..end])
        }
        _ => {
            let end = v
                .find(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '#')
                .unwrap_or(v.len());
            (start, &v[..end])
        }
    };
    if v.is_empty() {
        None
    } else {
        Some((start, v))
    }
}

fn aws_secret(line: &str) -> Vec<Hit> {
    let pred: fn(&str) -> bool = |n| n.contains("aws") && n.contains("secret");
    match assigned_value(line, pred) {
        Some((col, v)) if v.len() == 40 && v.bytes().all(b64ish) => vec![Hit {
            col,
            secret: v.to_owned(),
        }],
        _ => Vec::new(),
    }
}

fn alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

fn github_token(line: &str) -> Vec<Hit> {
    let mut v = Vec::new();
    for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
        v.extend(prefixed(line, p, 36, alnum));
    }
    v.extend(prefixed(line, "github_pat_", 82, |c| c.is_ascii_alphanumeric() || c == b'_'));
    v
}

fn slack_token(line: &str) -> Vec<Hit> {
    let mut v = Vec::new();
    for p in ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"] {
        let b = line.as_bytes();
        let mut from = 0;
        while let Some(pos) = line[from..].find(p) {
            let start = from + pos;
            let mut end = start + p.len();
            while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-') {
                end += 1;
            }
            if end - start >= 24 {
                v.push(Hit {
                    col: start,
                    secret: line[start..end].to_owned(),
                });
            }
            from = end.max(start + 1);
        }
    }
    v
}

fn cratesio_token(line: &str) -> Vec<Hit> {
    prefixed(line, "cio", 32, alnum)
}

fn hex_private_key(line: &str) -> Vec<Hit> {
    let pred: fn(&str) -> bool = |n| {
        let n = n.replace(['-', '_', ' '], "");
        n.contains("privatekey") || n.contains("privkey") || n.ends_with("secretkey") || n == "pk"
    };
    match assigned_value(line, pred) {
        Some((col, v)) => {
            let hex = v.strip_prefix("0x").unwrap_or(v);
            if hex.len() == 64 && hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                vec![Hit {
                    col,
                    secret: v.to_owned(),
                }]
            } else {
                Vec::new()
            }
        }
        None => Vec::new(),
    }
}

/// Shannon entropy in bits per byte.
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

fn generic_secret(line: &str) -> Vec<Hit> {
    let pred: fn(&str) -> bool = |n| {
        let last = n.rsplit(|c: char| c == '.' || c == ' ').next().unwrap_or(n);
        ["password", "passwd", "secret", "token", "api_key", "apikey", "auth_key"]
            .iter()
            .any(|k| last.ends_with(k))
    };
    match assigned_value(line, pred) {
        Some((col, v))
            if v.len() >= 16
                && entropy(v) >= 3.5
                && !v.starts_with("${")
                && !v.starts_with('<')
                && !v.contains("example") =>
        {
            vec![Hit {
                col,
                secret: v.to_owned(),
            }]
        }
        _ => Vec::new(),
    }
}

fn keypair_json(text: &str) -> Option<Hit> {
    let t = text.trim();
    let inner = t.strip_prefix('[')?.strip_suffix(']')?;
    let mut n = 0;
    for part in inner.split(',') {
        let v: u16 = part.trim().parse().ok()?;
        if v > 255 {
            return None;
        }
        n += 1;
    }
    if n == 64 {
        let col = text.len() - text.trim_start().len();
        Some(Hit {
            col,
            secret: t.to_owned(),
        })
    } else {
        None
    }
}
