//! Tokenizer for the expansion syntax.

use crate::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Plain,
    Length,
    Default { colon: bool },
    Alt { colon: bool },
    Require { colon: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    Lit(&'a str),
    Escaped(char),
    Tilde { user: &'a str },
    Named(&'a str),
    Var { name: &'a str, op: Op, word: &'a str },
    Subst(&'a str),
}

fn is_name_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_name(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// Finds the byte index of the delimiter closing the group that starts at
/// `open` (which must point at `{` or `(`), honouring nesting and escapes.
fn find_close(s: &[u8], open: usize) -> Option<usize> {
    let (o, c) = match s[open] {
        b'{' => (b'{', b'}'),
        b'(' => (b'(', b')'),
        _ => return None,
    };
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            x if x == o => depth += 1,
            x if x == c => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

pub(crate) fn tokenize(input: &str, tilde: bool) -> Result<Vec<Token<'_>>, Error> {
    let b = input.as_bytes();
    let mut out = Vec::new();
    let mut lit_start = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<Token<'_>>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Lit(&input[from..to]));
        }
    };
    // A `~` is only special at the start of a word: position 0 or after ':'.
    let mut at_word_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b'~' if tilde && at_word_start => {
                flush(&mut out, lit_start, i);
                if b.get(i + 1) == Some(&b'{') {
                    let end = find_close(b, i + 1)
                        .ok_or(Error::Syntax { pos: i, reason: "unterminated ~{" })?;
                    out.push(Token::Named(&input[i + 2..end]));
                    i = end + 1;
                } else {
                    let mut j = i + 1;
                    while j < b.len() && b[j] != b'/' && b[j] != b':' {
                        j += 1;
                    }
                    out.push(Token::Tilde { user: &input[i + 1..j] });
                    i = j;
                }
                lit_start = i;
                at_word_start = false;
                continue;
            }
            b'\\' if matches!(b.get(i + 1), Some(b'$') | Some(b'~') | Some(b'\\')) => {
                flush(&mut out, lit_start, i);
                out.push(Token::Escaped(b[i + 1] as char));
                i += 2;
                lit_start = i;
                at_word_start = false;
                continue;
            }
            b'$' => {
                flush(&mut out, lit_start, i);
                match b.get(i + 1) {
                    Some(b'$') => {
                        out.push(Token::Escaped('$'));
                        i += 2;
                    }
                    Some(b'{') => {
                        let end = find_close(b, i + 1)
                            .ok_or(Error::Syntax { pos: i, reason: "unterminated ${" })?;
                        out.push(parse_braced(&input[i + 2..end], i + 2)?);
                        i = end + 1;
                    }
                    Some(b'(') => {
                        let end = find_close(b, i + 1)
                            .ok_or(Error::Syntax { pos: i, reason: "unterminated $(" })?;
                        out.push(Token::Subst(&input[i + 2..end]));
                        i = end + 1;
                    }
                    Some(&n) if is_name_start(n) => {
                        let mut j = i + 1;
                        while j < b.len() && is_name(b[j]) {
                            j += 1;
                        }
                        out.push(Token::Var { name: &input[i + 1..j], op: Op::Plain, word: "" });
                        i = j;
                    }
                    _ => {
                        // A lone `$` is kept literally, like most shells do.
                        out.push(Token::Escaped('$'));
                        i += 1;
                    }
                }
                lit_start = i;
                at_word_start = false;
                continue;
            }
            b':' => at_word_start = true,
            _ => at_word_start = false,
        }
        i += 1;
    }
    flush(&mut out, lit_start, b.len());
    Ok(out)
}

fn parse_braced(body: &str, base: usize) -> Result<Token<'_>, Error> {
    let b = body.as_bytes();
    if b.first() == Some(&b'#') {
        let name = &body[1..];
        if name.is_empty() || !name.bytes().all(is_name) {
            return Err(Error::Syntax { pos: base, reason: "bad name in ${#…}" });
        }
        return Ok(Token::Var { name, op: Op::Length, word: "" });
    }
    if b.is_empty() || !is_name_start(b[0]) {
        return Err(Error::Syntax { pos: base, reason: "bad variable name" });
    }
    let mut j = 1;
    while j < b.len() && is_name(b[j]) {
        j += 1;
    }
    let name = &body[..j];
    if j == b.len() {
        return Ok(Token::Var { name, op: Op::Plain, word: "" });
    }
    let colon = b[j] == b':';
    let k = if colon { j + 1 } else { j };
    let op = match b.get(k) {
        Some(b'-') => Op::Default { colon },
        Some(b'+') => Op::Alt { colon },
        Some(b'?') => Op::Require { colon },
        _ => return Err(Error::Syntax { pos: base + j, reason: "unknown operator" }),
    };
    Ok(Token::Var { name, op, word: &body[k + 1..] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_default() {
        let t = tokenize("${A:-${B:-x}}/y", true).unwrap();
        assert_eq!(
            t[0],
            Token::Var { name: "A", op: Op::Default { colon: true }, word: "${B:-x}" }
        );
        assert_eq!(t[1], Token::Lit("/y"));
    }

    #[test]
    fn tilde_after_colon() {
        let t = tokenize("~/a:~bob/b", true).unwrap();
        assert_eq!(t[0], Token::Tilde { user: "" });
        assert_eq!(t[2], Token::Tilde { user: "bob" });
    }

    #[test]
    fn lone_dollar() {
        let t = tokenize("cost $ 5", true).unwrap();
        assert!(t.contains(&Token::Escaped('$')));
    }
}
