//! Tokenizer.

use crate::{Error, ErrorKind};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Num(f64),
    Str(String),
    Ident(String),
    Kw(Kw),
    Op(&'static str),
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    Let,
    Fn,
    If,
    Then,
    Else,
    True,
    False,
    Nil,
    And,
    Or,
    Not,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub line: u32,
    pub col: u32,
}

const OPS: [&str; 21] = [
    "|>", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", ",", ";", ".", "!",
];

fn keyword(s: &str) -> Option<Kw> {
    Some(match s {
        "let" => Kw::Let,
        "fn" => Kw::Fn,
        "if" => Kw::If,
        "then" => Kw::Then,
        "else" => Kw::Else,
        "true" => Kw::True,
        "false" => Kw::False,
        "nil" => Kw::Nil,
        "and" => Kw::And,
        "or" => Kw::Or,
        "not" => Kw::Not,
        _ => return None,
    })
}

pub(crate) fn lex(src: &str) -> Result<Vec<Token>, Error> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1u32, 1u32);

    while i < bytes.len() {
        let c = bytes[i];
        let (tl, tc) = (line, col);
        match c {
            b'\n' => {
                i += 1;
                line += 1;
                col = 1;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                col += 1;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'0'..=b'9' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                    i += 1;
                }
                if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                        i += 1;
                    }
                }
                let text: String = src[start..i].chars().filter(|&c| c != '_').collect();
                let n = text
                    .parse::<f64>()
                    .map_err(|_| Error::new(ErrorKind::Lex, tl, tc, format!("bad number `{text}`")))?;
                col += (i - start) as u32;
                out.push(Token { tok: Tok::Num(n), line: tl, col: tc });
            }
            b'"' => {
                i += 1;
                col += 1;
                let mut s = String::new();
                loop {
                    let Some(ch) = src[i..].chars().next() else {
                        return Err(Error::new(ErrorKind::Lex, tl, tc, "unterminated string"));
                    };
                    i += ch.len_utf8();
                    col += 1;
                    match ch {
                        '"' => break,
                        '\n' => return Err(Error::new(ErrorKind::Lex, tl, tc, "newline in string")),
                        '\\' => {
                            let Some(e) = src[i..].chars().next() else {
                                return Err(Error::new(ErrorKind::Lex, tl, tc, "unterminated string"));
                            };
                            i += e.len_utf8();
                            col += 1;
                            s.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                'r' => '\r',
                                '0' => '\0',
                                '\\' => '\\',
                                '"' => '"',
                                other => {
                                    return Err(Error::new(
                                        ErrorKind::Lex,
                                        line,
                                        col,
                                        format!("unknown escape `\\{other}`"),
                                    ))
                                }
                            });
                        }
                        ch => s.push(ch),
                    }
                }
                out.push(Token { tok: Tok::Str(s), line: tl, col: tc });
            }
            c if c == b'_' || c.is_ascii_alphabetic() => {
                let start = i;
                while i < bytes.len() && (bytes[i] == b'_' || bytes[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                let word = &src[start..i];
                col += (i - start) as u32;
                let tok = match keyword(word) {
                    Some(k) => Tok::Kw(k),
                    None => Tok::Ident(word.to_string()),
                };
                out.push(Token { tok, line: tl, col: tc });
            }
            _ => {
                let rest = &src[i..];
                let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) else {
                    let ch = rest.chars().next().unwrap_or('?');
                    return Err(Error::new(ErrorKind::Lex, tl, tc, format!("unexpected character `{ch}`")));
                };
                i += op.len();
                col += op.len() as u32;
                out.push(Token { tok: Tok::Op(op), line: tl, col: tc });
            }
        }
    }
    out.push(Token { tok: Tok::Eof, line, col });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let t = lex("let x = 1_000.5 |> f(\"a\\n\") # c").unwrap();
        let kinds: Vec<_> = t.into_iter().map(|t| t.tok).collect();
        assert_eq!(
            kinds,
            vec![
                Tok::Kw(Kw::Let),
                Tok::Ident("x".into()),
                Tok::Op("="),
                Tok::Num(1000.5),
                Tok::Op("|>"),
                Tok::Ident("f".into()),
                Tok::Op("("),
                Tok::Str("a\n".into()),
                Tok::Op(")"),
                Tok::Eof
            ]
        );
    }
}
