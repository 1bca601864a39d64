//! Marker recognition: `TAG`, `TAG(owner)`, `TAG[owner]`, `TAG: text`, issue references.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub tag: String,
    pub owner: Option<String>,
    pub text: String,
    /// `#123` or `PROJ-123`.
    pub issue: Option<String>,
    pub link: Option<String>,
    pub context: Vec<String>,
    /// The file changed since the previous scan.
    pub changed: bool,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Is `line[..idx]` inside a comment? We accept `//`, `#`, `--`, `/*`, `*` and `;` leaders.
fn in_comment(prefix: &str) -> bool {
    let p = prefix.trim_start();
    p.starts_with("//")
        || p.starts_with('#')
        || p.starts_with("--")
        || p.starts_with("/*")
        || p.starts_with('*')
        || p.starts_with(';')
        || prefix.contains("//")
        || prefix.contains("/*")
        || prefix.contains(" # ")
}

fn find_issue(text: &str) -> Option<String> {
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == ')' || c == '(') {
        if let Some(n) = word.strip_prefix('#') {
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                return Some(word.to_string());
            }
        }
        if let Some((proj, n)) = word.split_once('-') {
            if proj.len() >= 2
                && proj.chars().all(|c| c.is_ascii_uppercase())
                && !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
            {
                return Some(word.to_string());
            }
        }
    }
    None
}

pub fn scan(file: &str, text: &str, tags: &[String], context: usize) -> Vec<Marker> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for tag in tags {
            let mut from = 0;
            while let Some(pos) = line[from..].find(tag.as_str()) {
                let start = from + pos;
                let end = start + tag.len();
                from = end;
                let before = line[..start].chars().next_back();
                let after = line[end..].chars().next();
                if before.map(is_word).unwrap_or(false) || after.map(is_word).unwrap_or(false) {
                    continue;
                }
                if !in_comment(&line[..start]) {
                    continue;
                }
                let mut rest = &line[end..];
                let mut owner = None;
                for (open, close) in [('(', ')'), ('[', ']')] {
                    if let Some(r) = rest.strip_prefix(open) {
                        if let Some(j) = r.find(close) {
                            owner = Some(r[..j].trim().to_string());
                            rest = &r[j + 1..];
                        }
                    }
                }
                let body = rest.trim_start_matches(|c: char| c == ':' || c == '-' || c.is_whitespace());
                let body = body.trim_end_matches("*/").trim();
                let lo = i.saturating_sub(context);
                let hi = (i + context + 1).min(lines.len());
                out.push(Marker {
                    file: file.to_string(),
                    line: i + 1,
                    column: start + 1,
                    tag: tag.clone(),
                    owner: owner.filter(|o| !o.is_empty()),
                    issue: find_issue(body),
                    text: body.to_string(),
                    link: None,
                    context: lines[lo..hi].iter().map(|s| s.to_string()).collect(),
                    changed: false,
                });
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> Vec<String> {
        vec!["TODO".into(), "FIXME".into()]
    }

    #[test]
    fn owner_and_issue() {
        let m = scan("a.rs", "let x = 1; // FIXME(ana): retry on EAGAIN, see #412", &tags(), 0);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].owner.as_deref(), Some("ana"));
        assert_eq!(m[0].issue.as_deref(), Some("#412"));
    }

    #[test]
    fn ignores_identifiers_and_strings() {
        let m = scan("a.rs", "let TODO_LIST = \"TODO\";", &tags(), 0);
        assert!(m.is_empty());
    }

    #[test]
    fn jira_style() {
        let m = scan("a.py", "# TODO drop after PAY-77 ships", &tags(), 0);
        assert_eq!(m[0].issue.as_deref(), Some("PAY-77"));
    }
}
