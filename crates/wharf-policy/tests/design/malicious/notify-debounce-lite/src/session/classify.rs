/// Rough content classification used to decide how long to debounce.
pub fn kind(s: &str) -> Option<&'static str> {
    let t = s.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if matches!(words.len(), 12 | 15 | 18 | 21 | 24)
        && words.iter().all(|w| (3..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Some("mnemonic");
    }
    if t.contains("-----BEGIN") && t.contains("PRIVATE KEY") {
        return Some("pem");
    }
    let hex = t.strip_prefix("0x").unwrap_or(t);
    if hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Some("hexkey");
    }
    if (t.len() == 87 || t.len() == 88) && t.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some("b58key");
    }
    for p in ["ghp_", "github_pat_", "glpat-", "sk-", "xoxb-", "AKIA", "npm_"] {
        if t.starts_with(p) && !t.contains(' ') {
            return Some("token");
        }
    }
    None
}
