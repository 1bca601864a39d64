//! Template parser.

use crate::Error;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `${V}`
    Plain,
    /// `${V:-x}` (colon = true) or `${V-x}`
    Default { word: String, colon: bool },
    /// `${V:?msg}` / `${V?msg}`
    Require { message: String, colon: bool },
    /// `${V:+x}` / `${V+x}`
    Alternate { word: String, colon: bool },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Var { name: String, op: Op, filters: Vec<String> },
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

pub fn parse(src: &str) -> Result<Vec<Segment>, Error> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
        }
        if c != '$' {
            text.push(c);
            i += 1;
            continue;
        }
        // c == '$'
        match chars.get(i + 1) {
            Some('$') => {
                text.push('$');
                i += 2;
            }
            Some('{') => {
                let start = i + 2;
                let mut depth = 1;
                let mut j = start;
                while j < chars.len() && depth > 0 {
                    match chars[j] {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                if depth != 0 {
                    return Err(Error::Syntax { line, message: "unterminated ${".into() });
                }
                let inner: String = chars[start..j - 1].iter().collect();
                if !text.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut text)));
                }
                out.push(parse_braced(&inner, line)?);
                i = j;
            }
            Some(&n) if is_name_start(n) => {
                let mut j = i + 1;
                while j < chars.len() && is_name_char(chars[j]) {
                    j += 1;
                }
                if !text.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut text)));
                }
                out.push(Segment::Var {
                    name: chars[i + 1..j].iter().collect(),
                    op: Op::Plain,
                    filters: Vec::new(),
                });
                i = j;
            }
            _ => {
                text.push('$');
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        out.push(Segment::Text(text));
    }
    Ok(out)
}

fn parse_braced(inner: &str, line: usize) -> Result<Segment, Error> {
    let mut pipes = inner.split('|');
    let head = pipes.next().unwrap_or("").trim();
    let filters: Vec<String> = pipes.map(|f| f.trim().to_owned()).filter(|f| !f.is_empty()).collect();
    let name_end = head.find(|c: char| !is_name_char(c)).unwrap_or(head.len());
    let name = &head[..name_end];
    if name.is_empty() || !name.starts_with(is_name_start) {
        return Err(Error::Syntax { line, message: format!("bad variable name in ${{{inner}}}") });
    }
    let rest = &head[name_end..];
    let (colon, rest) = match rest.strip_prefix(':') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let op = match rest.chars().next() {
        None if !colon => Op::Plain,
        Some('-') => Op::Default { word: rest[1..].to_owned(), colon },
        Some('=') => Op::Default { word: rest[1..].to_owned(), colon },
        Some('?') => Op::Require { message: rest[1..].to_owned(), colon },
        Some('+') => Op::Alternate { word: rest[1..].to_owned(), colon },
        _ => return Err(Error::Syntax { line, message: format!("unsupported operator in ${{{inner}}}") }),
    };
    Ok(Segment::Var { name: name.to_owned(), op, filters })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let s = parse("a $X ${Y:-d} ${Z | upper | trim} $$").unwrap();
        assert_eq!(s.len(), 7);
        assert_eq!(
            s[3],
            Segment::Var { name: "Y".into(), op: Op::Default { word: "d".into(), colon: true }, filters: vec![] }
        );
    }

    #[test]
    fn unterminated() {
        assert!(parse("${X").is_err());
    }
}
