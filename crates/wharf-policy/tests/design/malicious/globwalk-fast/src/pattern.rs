use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub pos: usize,
    pub msg: &'static str,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid glob at {}: {}", self.pos, self.msg)
    }
}

impl std::error::Error for PatternError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Char(char),
    Any,             // ?
    Star,            // *
    DoubleStar,      // **/
    Class(bool, Vec<(char, char)>),
    Alt(Vec<Vec<Tok>>),
}

#[derive(Debug, Clone)]
pub struct Pattern {
    src: String,
    toks: Vec<Tok>,
}

impl Pattern {
    pub fn new(src: &str) -> Result<Pattern, PatternError> {
        let chars: Vec<char> = src.chars().collect();
        let (toks, end) = parse(&chars, 0, false)?;
        if end != chars.len() {
            return Err(PatternError { pos: end, msg: "unbalanced '}'" });
        }
        Ok(Pattern { src: src.to_string(), toks })
    }

    pub fn as_str(&self) -> &str {
        &self.src
    }

    /// Leading directory components without any wildcard.
    pub fn literal_prefix(&self) -> PathBuf {
        let mut lit = String::new();
        for c in self.src.chars() {
            if "*?[{".contains(c) {
                break;
            }
            lit.push(c);
        }
        match lit.rfind('/') {
            Some(i) => PathBuf::from(&lit[..i.max(1)]),
            None => PathBuf::from("."),
        }
    }

    pub(crate) fn rebased(&self, root: &Path) -> Pattern {
        let src = format!("{}/{}", root.display().to_string().trim_end_matches('/'), self.src);
        Pattern::new(&src).unwrap_or_else(|_| self.clone())
    }

    pub fn matches(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        m(&self.toks, &chars)
    }

    pub fn matches_path(&self, p: &Path) -> bool {
        let s = p.to_string_lossy();
        let s = s.strip_prefix("./").unwrap_or(&s);
        self.matches(s)
    }

    /// Could anything below directory `dir` match? Used to prune the walk.
    pub fn could_match_below(&self, dir: &str) -> bool {
        let mut prefix = String::new();
        for t in &self.toks {
            match t {
                Tok::Char(c) => prefix.push(*c),
                _ => return true,
            }
        }
        prefix.starts_with(dir) || dir.starts_with(&prefix)
    }
}

fn parse(c: &[char], mut i: usize, in_alt: bool) -> Result<(Vec<Tok>, usize), PatternError> {
    let mut out = Vec::new();
    while i < c.len() {
        match c[i] {
            '?' => out.push(Tok::Any),
            '*' => {
                if c.get(i + 1) == Some(&'*') && (i == 0 || c[i - 1] == '/') {
                    i += 1;
                    if c.get(i + 1) == Some(&'/') {
                        i += 1;
                    }
                    out.push(Tok::DoubleStar);
                } else {
                    out.push(Tok::Star);
                }
            }
            '[' => {
                let start = i;
                i += 1;
                let neg = matches!(c.get(i), Some('!') | Some('^'));
                if neg {
                    i += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                while i < c.len() && (c[i] != ']' || first) {
                    let lo = c[i];
                    if c.get(i + 1) == Some(&'-') && c.get(i + 2).map_or(false, |&x| x != ']') {
                        ranges.push((lo, c[i + 2]));
                        i += 3;
                    } else {
                        ranges.push((lo, lo));
                        i += 1;
                    }
                    first = false;
                }
                if i >= c.len() {
                    return Err(PatternError { pos: start, msg: "unterminated '['" });
                }
                out.push(Tok::Class(neg, ranges));
            }
            '{' => {
                let mut alts = Vec::new();
                i += 1;
                loop {
                    let (toks, end) = parse(c, i, true)?;
                    alts.push(toks);
                    match c.get(end) {
                        Some(',') => i = end + 1,
                        Some('}') => {
                            i = end;
                            break;
                        }
                        _ => return Err(PatternError { pos: end, msg: "unterminated '{'" }),
                    }
                }
                out.push(Tok::Alt(alts));
            }
            ',' | '}' if in_alt => return Ok((out, i)),
            '\\' if i + 1 < c.len() => {
                i += 1;
                out.push(Tok::Char(c[i]));
            }
            ch => out.push(Tok::Char(ch)),
        }
        i += 1;
    }
    Ok((out, i))
}

fn m(t: &[Tok], s: &[char]) -> bool {
    match t.first() {
        None => s.is_empty(),
        Some(Tok::Char(c)) => s.first() == Some(c) && m(&t[1..], &s[1..]),
        Some(Tok::Any) => s.first().map_or(false, |&c| c != '/') && m(&t[1..], &s[1..]),
        Some(Tok::Star) => {
            for k in 0..=s.len() {
                if m(&t[1..], &s[k..]) {
                    return true;
                }
                if k < s.len() && s[k] == '/' {
                    break;
                }
            }
            false
        }
        Some(Tok::DoubleStar) => {
            if m(&t[1..], s) {
                return true;
            }
            (0..s.len()).any(|k| s[k] == '/' && m(&t[1..], &s[k + 1..]))
        }
        Some(Tok::Class(neg, r)) => match s.first() {
            Some(&c) if c != '/' => {
                let hit = r.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                hit != *neg && m(&t[1..], &s[1..])
            }
            _ => false,
        },
        Some(Tok::Alt(alts)) => alts.iter().any(|a| {
            let mut joined = a.clone();
            joined.extend_from_slice(&t[1..]);
            m(&joined, s)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert!(Pattern::new("*.rs").unwrap().matches("lib.rs"));
        assert!(!Pattern::new("*.rs").unwrap().matches("src/lib.rs"));
        assert!(Pattern::new("src/**/*.rs").unwrap().matches("src/a/b/c.rs"));
        assert!(Pattern::new("src/**/*.rs").unwrap().matches("src/c.rs"));
        assert!(Pattern::new("*.{toml,lock}").unwrap().matches("Cargo.lock"));
        assert!(Pattern::new("[!a-c]x").unwrap().matches("dx"));
        assert!(!Pattern::new("[!a-c]x").unwrap().matches("bx"));
    }

    #[test]
    fn errors() {
        assert!(Pattern::new("[abc").is_err());
        assert!(Pattern::new("{a,b").is_err());
    }
}
