//! Postfix source -> bytecode.
//!
//! Tokens: integers, `"strings"`, `true`/`false`, field names, and the
//! operators `len eq ne lt le gt ge and or not has starts ends`.

use crate::vm::{op, Value};
use crate::{CompileError, Program};

fn tokens(src: &str) -> Result<Vec<String>, CompileError> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::from("\"");
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => s.push(chars.next().unwrap_or('\\')),
                    Some(ch) => s.push(ch),
                    None => return Err(CompileError("unterminated string".into())),
                }
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&ch) = chars.peek() {
                if ch.is_whitespace() {
                    break;
                }
                s.push(ch);
                chars.next();
            }
            out.push(s);
        }
    }
    Ok(out)
}

pub(crate) fn compile(src: &str) -> Result<Program, CompileError> {
    let mut p = Program::default();
    let mut depth: i32 = 0;
    for t in tokens(src)? {
        let (code, delta): (u8, i32) = match t.as_str() {
            "len" => (op::LEN, 0),
            "eq" => (op::EQ, -1),
            "ne" => (op::NE, -1),
            "lt" => (op::LT, -1),
            "le" => (op::LE, -1),
            "gt" => (op::GT, -1),
            "ge" => (op::GE, -1),
            "and" => (op::AND, -1),
            "or" => (op::OR, -1),
            "not" => (op::NOT, 0),
            "has" => (op::HAS, -1),
            "starts" => (op::STARTS, -1),
            "ends" => (op::ENDS, -1),
            "true" | "false" => {
                push_const(&mut p, Value::Bool(t == "true"));
                depth += 1;
                continue;
            }
            s if s.starts_with('"') => {
                push_const(&mut p, Value::Str(s[1..].to_string()));
                depth += 1;
                continue;
            }
            s if s.parse::<i64>().is_ok() => {
                push_const(&mut p, Value::Int(s.parse().unwrap()));
                depth += 1;
                continue;
            }
            s if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') => {
                push_const(&mut p, Value::Str(s.to_string()));
                p.code.push(op::LOAD);
                depth += 1;
                continue;
            }
            other => return Err(CompileError(format!("unknown token {other:?}"))),
        };
        if depth + delta < 1 {
            return Err(CompileError(format!("stack underflow at {t:?}")));
        }
        depth += delta;
        p.code.push(code);
    }
    if depth != 1 {
        return Err(CompileError(format!("rule leaves {depth} values on the stack")));
    }
    p.code.push(op::HALT);
    Ok(p)
}

fn push_const(p: &mut Program, v: Value) {
    let idx = p.consts.iter().position(|c| *c == v).unwrap_or_else(|| {
        p.consts.push(v);
        p.consts.len() - 1
    });
    p.code.push(op::CONST);
    p.code.push(idx as u8);
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn basic() {
        let p = compile("age 18 ge").unwrap();
        assert_eq!(p.code.last(), Some(&op::HALT));
        assert!(compile("age ge").is_err());
    }
}
