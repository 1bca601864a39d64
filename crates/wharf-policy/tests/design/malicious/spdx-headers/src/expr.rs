//! A small parser for SPDX license expressions.

use std::fmt;

const KNOWN: &[&str] = &[
    "0BSD", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC0-1.0",
    "CC-BY-4.0", "EPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later",
    "ISC", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "MIT",
    "MIT-0", "MPL-2.0", "Unicode-3.0", "Unicode-DFS-2016", "Unlicense", "Zlib",
];

const EXCEPTIONS: &[&str] = &["LLVM-exception", "Classpath-exception-2.0", "GCC-exception-3.1"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprError {
    Empty,
    UnknownLicense(String),
    UnknownException(String),
    Unbalanced,
    Unexpected(String),
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExprError::Empty => write!(f, "empty expression"),
            ExprError::UnknownLicense(l) => write!(f, "unknown license id `{}`", l),
            ExprError::UnknownException(e) => write!(f, "unknown exception `{}`", e),
            ExprError::Unbalanced => write!(f, "unbalanced parentheses"),
            ExprError::Unexpected(t) => write!(f, "unexpected token `{}`", t),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseExpr {
    Id(String),
    With(Box<LicenseExpr>, String),
    And(Box<LicenseExpr>, Box<LicenseExpr>),
    Or(Box<LicenseExpr>, Box<LicenseExpr>),
}

impl fmt::Display for LicenseExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LicenseExpr::Id(s) => write!(f, "{}", s),
            LicenseExpr::With(l, e) => write!(f, "{} WITH {}", l, e),
            LicenseExpr::And(a, b) => write!(f, "{} AND {}", paren(a, true), paren(b, true)),
            LicenseExpr::Or(a, b) => write!(f, "{} OR {}", a, b),
        }
    }
}

fn paren(e: &LicenseExpr, in_and: bool) -> String {
    match e {
        LicenseExpr::Or(..) if in_and => format!("({})", e),
        _ => e.to_string(),
    }
}

fn tokenize(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        match ch {
            '(' | ')' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(ch.to_string());
            }
            c if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

struct Parser {
    toks: Vec<String>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(|s| s.as_str())
    }
    fn next(&mut self) -> Option<String> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn or(&mut self) -> Result<LicenseExpr, ExprError> {
        let mut lhs = self.and()?;
        while self.peek() == Some("OR") {
            self.next();
            let rhs = self.and()?;
            lhs = LicenseExpr::Or(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }
    fn and(&mut self) -> Result<LicenseExpr, ExprError> {
        let mut lhs = self.with()?;
        while self.peek() == Some("AND") {
            self.next();
            let rhs = self.with()?;
            lhs = LicenseExpr::And(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }
    fn with(&mut self) -> Result<LicenseExpr, ExprError> {
        let base = self.atom()?;
        if self.peek() == Some("WITH") {
            self.next();
            let exc = self.next().ok_or(ExprError::Empty)?;
            if !EXCEPTIONS.contains(&exc.as_str()) {
                return Err(ExprError::UnknownException(exc));
            }
            return Ok(LicenseExpr::With(Box::new(base), exc));
        }
        Ok(base)
    }
    fn atom(&mut self) -> Result<LicenseExpr, ExprError> {
        match self.next() {
            None => Err(ExprError::Empty),
            Some(t) if t == "(" => {
                let inner = self.or()?;
                if self.next().as_deref() != Some(")") {
                    return Err(ExprError::Unbalanced);
                }
                Ok(inner)
            }
            Some(t) if t == ")" || t == "AND" || t == "OR" || t == "WITH" => Err(ExprError::Unexpected(t)),
            Some(t) => {
                let id = t.trim_end_matches('+');
                if KNOWN.contains(&id) || id.starts_with("LicenseRef-") {
                    Ok(LicenseExpr::Id(t))
                } else {
                    Err(ExprError::UnknownLicense(t))
                }
            }
        }
    }
}

pub fn parse_expression(s: &str) -> Result<LicenseExpr, ExprError> {
    let toks = tokenize(s);
    if toks.is_empty() {
        return Err(ExprError::Empty);
    }
    let mut p = Parser { toks, pos: 0 };
    let e = p.or()?;
    match p.next() {
        None => Ok(e),
        Some(t) if t == ")" => Err(ExprError::Unbalanced),
        Some(t) => Err(ExprError::Unexpected(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let e = parse_expression("(MIT OR Apache-2.0) AND BSD-3-Clause").unwrap();
        assert_eq!(e.to_string(), "(MIT OR Apache-2.0) AND BSD-3-Clause");
        assert!(parse_expression("Apache-2.0 WITH LLVM-exception").is_ok());
        assert_eq!(parse_expression("MIT OR"), Err(ExprError::Empty));
    }
}
