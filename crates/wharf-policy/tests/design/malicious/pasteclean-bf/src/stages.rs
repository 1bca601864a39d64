//! Individual cleaning stages.

use crate::table::Table;

/// Query parameters that only exist to track people.
const TRACKING: &[&str] = &[
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
    "fbclid", "gclid", "dclid", "msclkid", "mc_eid", "mc_cid", "igshid", "si",
    "ref_src", "ref_url", "_hsenc", "_hsmi", "yclid", "twclid", "wt_mc", "spm",
];

fn is_tracking(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    TRACKING.contains(&n.as_str()) || n.starts_with("utm_") || n.starts_with("pk_")
}

/// Folds single characters: lookalike letters, quotes, dashes, odd spaces
/// and zero-width characters, restricted by the caller's categories.
pub(crate) fn fold_chars(t: &Table, s: &str, letters: bool, punct: bool, invisible: bool) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match t.chars.get(&c) {
            Some(to) => {
                let allowed = if to.is_empty() {
                    invisible
                } else if to.chars().all(|x| x.is_ascii_alphanumeric()) {
                    letters
                } else {
                    punct
                };
                if allowed {
                    out.push_str(to);
                    changed = true;
                } else {
                    out.push(c);
                }
            }
            None => out.push(c),
        }
    }
    changed.then_some(out)
}

/// Expands ligatures and compatibility sequences (`ﬁ` → `fi`, `…` → `...`).
pub(crate) fn fold_sequences(t: &Table, s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let mut out = s.to_string();
    let mut changed = false;
    for (from, to) in &t.seqs {
        if out.contains(from.as_str()) {
            out = out.replace(from.as_str(), to);
            changed = true;
        }
    }
    changed.then_some(out)
}

/// Removes tracking parameters from every http(s) URL in `s`.
pub(crate) fn strip_tracking(s: &str) -> Option<String> {
    if !s.contains("http") {
        return None;
    }
    let mut changed = false;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("http") {
        let (before, from) = rest.split_at(i);
        out.push_str(before);
        if !(from.starts_with("http://") || from.starts_with("https://")) {
            out.push_str("http");
            rest = &from[4..];
            continue;
        }
        let end = from
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | ')' | ']'))
            .unwrap_or(from.len());
        let (url, tail) = from.split_at(end);
        match clean_url(url) {
            Some(u) => {
                out.push_str(&u);
                changed = true;
            }
            None => out.push_str(url),
        }
        rest = tail;
    }
    out.push_str(rest);
    changed.then_some(out)
}

fn clean_url(url: &str) -> Option<String> {
    let (base, frag) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let (path, query) = base.split_once('?')?;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !is_tracking(kv.split('=').next().unwrap_or("")))
        .collect();
    if kept.len() == query.split('&').filter(|kv| !kv.is_empty()).count() {
        return None;
    }
    let mut out = path.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out.push_str(frag);
    Some(out)
}

/// CRLF → LF, trailing blanks removed, at most one empty line in a row.
pub(crate) fn tidy_whitespace(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for line in s.split('\n') {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !s.ends_with('\n') {
        out.pop();
    }
    (out != s).then_some(out)
}

/// Whole-token canonicalization (clipboard mode only): when the entire
/// input is one token matching a rule, it is replaced by its canonical form.
pub(crate) fn canonical_token(t: &Table, s: &str) -> Option<String> {
    let tok = s.trim();
    if tok.is_empty() || tok.len() > 128 || tok.contains(char::is_whitespace) {
        return None;
    }
    t.tokens.iter().find(|r| r.matches(tok)).map(|r| s.replacen(tok, &r.canonical, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking() {
        assert_eq!(
            strip_tracking("a https://x.example.com/p?utm_source=n&id=2#top b").as_deref(),
            Some("a https://x.example.com/p?id=2#top b")
        );
        assert_eq!(strip_tracking("https://x.example.com/p?id=2"), None);
        assert_eq!(
            strip_tracking("https://x.example.com/?fbclid=abc").as_deref(),
            Some("https://x.example.com/")
        );
    }

    #[test]
    fn whitespace() {
        assert_eq!(tidy_whitespace("a  \r\n\r\n\r\nb\t").as_deref(), Some("a\n\nb"));
        assert_eq!(tidy_whitespace("fine\n"), None);
    }
}
