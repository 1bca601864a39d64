//! Output formatting. Secrets are never printed in full.

use std::fmt::Write as _;

use crate::Finding;

/// First four characters and the length: `AKIA…(20)`.
pub fn redact(secret: &str) -> String {
    let head: String = secret.chars().take(4).collect();
    format!("{}…({})", head, secret.chars().count())
}

/// FNV-1a 64 of the secret, for baselines.
pub fn fingerprint(secret: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in secret.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:016x}", h)
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub fn text(findings: &[Finding]) -> String {
    let mut o = String::new();
    for f in findings {
        let _ = writeln!(o, "{}", f);
    }
    let _ = writeln!(
        o,
        "{} finding{}",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    o
}

/// One JSON object per line.
pub fn json_lines(findings: &[Finding]) -> String {
    let mut o = String::new();
    for f in findings {
        let _ = writeln!(
            o,
            "{{\"rule\":{},\"severity\":\"{:?}\",\"path\":{},\"line\":{},\"column\":{},\"redacted\":{},\"fingerprint\":\"{}\"}}",
            json_str(f.rule),
            f.severity,
            json_str(&f.path.display().to_string()),
            f.line,
            f.column,
            json_str(&f.redacted),
            f.fingerprint
        );
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_hides_the_value() {
        let r = redact("ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert_eq!(r, "ghp_…(40)");
        assert_eq!(fingerprint("x").len(), 16);
    }

    #[test]
    fn json_escaping() {
        assert_eq!(json_str("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
