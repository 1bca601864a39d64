//! Infix (shunting-yard) and RPN front ends.

use crate::{op_index, Error, Instr};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(char),
    LParen,
    RParen,
    Comma,
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, Error> {
    let b = src.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'e') {
                i += 1;
            }
            let n = src[s..i].parse().map_err(|_| Error::Syntax(s, "bad number".into()))?;
            out.push((s, Tok::Num(n)));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((s, Tok::Ident(src[s..i].to_string())));
        } else {
            let t = match c {
                '(' => Tok::LParen,
                ')' => Tok::RParen,
                ',' => Tok::Comma,
                '+' | '-' | '*' | '/' | '%' | '^' => Tok::Op(c),
                _ => return Err(Error::Syntax(i, format!("unexpected {c:?}"))),
            };
            out.push((i, t));
            i += 1;
        }
    }
    Ok(out)
}

fn prec(op: char, unary: bool) -> (u8, bool) {
    // (precedence, right-assoc)
    if unary {
        return (3, true);
    }
    match op {
        '+' | '-' => (1, false),
        '*' | '/' | '%' => (2, false),
        '^' => (4, true),
        _ => (0, false),
    }
}

#[derive(Debug)]
enum Pending {
    Op(char, bool),
    Paren,
    Func(String),
}

fn emit_op(out: &mut Vec<Instr>, op: char, unary: bool) -> Result<(), Error> {
    let name = if unary { "neg".to_string() } else { op.to_string() };
    out.push(Instr::Op(op_index(&name).ok_or(Error::UnknownFn(name))?));
    Ok(())
}

pub(crate) fn infix(src: &str) -> Result<Vec<Instr>, Error> {
    let toks = lex(src)?;
    let mut out = Vec::new();
    let mut st: Vec<Pending> = Vec::new();
    let mut expect_operand = true;
    let mut iter = toks.into_iter().peekable();
    while let Some((pos, t)) = iter.next() {
        match t {
            Tok::Num(n) => {
                out.push(Instr::Num(n));
                expect_operand = false;
            }
            Tok::Ident(name) => {
                if matches!(iter.peek(), Some((_, Tok::LParen))) {
                    if op_index(&name).is_none() {
                        return Err(Error::UnknownFn(name));
                    }
                    st.push(Pending::Func(name));
                } else {
                    out.push(Instr::Var(name));
                    expect_operand = false;
                }
            }
            Tok::Op(c) => {
                let unary = expect_operand && c == '-';
                if expect_operand && !unary {
                    return Err(Error::Syntax(pos, format!("unexpected operator {c}")));
                }
                let (p, right) = prec(c, unary);
                while let Some(Pending::Op(top, tu)) = st.last() {
                    let (tp, _) = prec(*top, *tu);
                    if tp > p || (tp == p && !right) {
                        let (top, tu) = (*top, *tu);
                        st.pop();
                        emit_op(&mut out, top, tu)?;
                    } else {
                        break;
                    }
                }
                st.push(Pending::Op(c, unary));
                expect_operand = true;
            }
            Tok::LParen => {
                st.push(Pending::Paren);
                expect_operand = true;
            }
            Tok::Comma | Tok::RParen => {
                loop {
                    match st.pop() {
                        Some(Pending::Op(o, u)) => emit_op(&mut out, o, u)?,
                        Some(Pending::Paren) => break,
                        _ => return Err(Error::Syntax(pos, "unbalanced parenthesis".into())),
                    }
                }
                if t == Tok::Comma {
                    st.push(Pending::Paren);
                    expect_operand = true;
                } else {
                    if let Some(Pending::Func(_)) = st.last() {
                        if let Some(Pending::Func(f)) = st.pop() {
                            out.push(Instr::Op(op_index(&f).ok_or(Error::UnknownFn(f))?));
                        }
                    }
                    expect_operand = false;
                }
            }
        }
    }
    while let Some(p) = st.pop() {
        match p {
            Pending::Op(o, u) => emit_op(&mut out, o, u)?,
            _ => return Err(Error::Syntax(src.len(), "unbalanced parenthesis".into())),
        }
    }
    Ok(out)
}

pub(crate) fn rpn(src: &str) -> Result<Vec<Instr>, Error> {
    let mut out = Vec::new();
    for (i, tok) in src.split_whitespace().enumerate() {
        if let Ok(n) = tok.parse::<f64>() {
            out.push(Instr::Num(n));
        } else if let Some(o) = op_index(tok) {
            out.push(Instr::Op(o));
        } else if tok.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(Instr::Var(tok.to_string()));
        } else {
            return Err(Error::Syntax(i, format!("bad token {tok:?}")));
        }
    }
    Ok(out)
}
