//! Tokenizer and parser.
//!
//! ```text
//! file  := rule*
//! rule  := ("allow" | "deny") STRING "when" expr ";"
//! expr  := or
//! or    := and ("or" and)*
//! and   := not ("and" not)*
//! not   := "not" not | cmp
//! cmp   := atom (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "contains") atom)?
//! atom  := STRING | NUMBER | "true" | "false" | path | "[" list "]" | "(" expr ")"
//! path  := IDENT ("." IDENT)*
//! ```

use crate::eval::Value;
use crate::{Effect, Error, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Contains,
}

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Lit(Value),
    Path(String),
    List(Vec<Expr>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp(Cmp, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Num(f64),
    Ident(String),
    Sym(&'static str),
    End,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    col: u32,
}

const SYMS: [&str; 12] = ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ",", ";"];

impl<'a> Lexer<'a> {
    fn err(&self, message: impl Into<String>) -> Error {
        Error::Parse { line: self.line, col: self.col, message: message.into() }
    }

    fn advance(&mut self, n: usize) {
        for c in self.src[self.pos..self.pos + n].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.pos += n;
    }

    fn next(&mut self) -> Result<(Tok, u32, u32), Error> {
        loop {
            let rest = &self.src[self.pos..];
            let Some(c) = rest.chars().next() else { return Ok((Tok::End, self.line, self.col)) };
            if c.is_whitespace() {
                self.advance(c.len_utf8());
            } else if c == '#' {
                let n = rest.find('\n').unwrap_or(rest.len());
                self.advance(n);
            } else {
                break;
            }
        }
        let (line, col) = (self.line, self.col);
        let rest = &self.src[self.pos..];
        let c = rest.chars().next().unwrap();

        if c == '"' {
            let mut out = String::new();
            let mut it = rest.char_indices().skip(1);
            while let Some((i, ch)) = it.next() {
                match ch {
                    '"' => {
                        self.advance(i + 1);
                        return Ok((Tok::Str(out), line, col));
                    }
                    '\\' => match it.next() {
                        Some((_, 'n')) => out.push('\n'),
                        Some((_, e)) => out.push(e),
                        None => break,
                    },
                    '\n' => break,
                    ch => out.push(ch),
                }
            }
            return Err(self.err("unterminated string"));
        }
        if c.is_ascii_digit() || (c == '-' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) {
            let n = 1 + rest[1..].find(|d: char| !(d.is_ascii_digit() || d == '.')).unwrap_or(rest.len() - 1);
            let v: f64 = rest[..n].parse().map_err(|_| self.err("bad number"))?;
            self.advance(n);
            return Ok((Tok::Num(v), line, col));
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let n = rest.find(|d: char| !(d.is_ascii_alphanumeric() || d == '_' || d == '.')).unwrap_or(rest.len());
            let word = rest[..n].to_string();
            self.advance(n);
            return Ok((Tok::Ident(word), line, col));
        }
        for s in SYMS {
            if rest.starts_with(s) {
                self.advance(s.len());
                return Ok((Tok::Sym(s), line, col));
            }
        }
        Err(self.err(format!("unexpected character `{c}`")))
    }
}

struct Parser {
    toks: Vec<(Tok, u32, u32)>,
    i: usize,
    depth: u32,
}

pub(crate) fn parse(src: &str) -> Result<Vec<Rule>, Error> {
    let mut lx = Lexer { src, pos: 0, line: 1, col: 1 };
    let mut toks = Vec::new();
    loop {
        let t = lx.next()?;
        let end = t.0 == Tok::End;
        toks.push(t);
        if end {
            break;
        }
    }
    let mut p = Parser { toks, i: 0, depth: 0 };
    let mut rules = Vec::new();
    while p.peek() != &Tok::End {
        rules.push(p.rule()?);
    }
    Ok(rules)
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i].0
    }

    fn bump(&mut self) -> Tok {
        let t = self.toks[self.i].0.clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn err<T>(&self, msg: &str) -> Result<T, Error> {
        let (_, line, col) = &self.toks[self.i];
        Err(Error::Parse { line: *line, col: *col, message: msg.to_string() })
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Ident(x) if x == w)
    }

    fn expect_sym(&mut self, s: &str) -> Result<(), Error> {
        if matches!(self.peek(), Tok::Sym(x) if *x == s) {
            self.bump();
            Ok(())
        } else {
            self.err(&format!("expected `{s}`"))
        }
    }

    fn rule(&mut self) -> Result<Rule, Error> {
        let effect = if self.is_word("allow") {
            Effect::Allow
        } else if self.is_word("deny") {
            Effect::Deny
        } else {
            return self.err("expected `allow` or `deny`");
        };
        self.bump();
        let name = match self.bump() {
            Tok::Str(s) => s,
            _ => return self.err("expected rule name (a string)"),
        };
        if !self.is_word("when") {
            return self.err("expected `when`");
        }
        self.bump();
        let cond = self.or()?;
        self.expect_sym(";")?;
        Ok(Rule { effect, name, cond })
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > 64 {
            return self.err("expression nested too deeply");
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, Error> {
        let mut l = self.and()?;
        while self.is_word("or") {
            self.bump();
            l = Expr::Or(Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Expr, Error> {
        let mut l = self.not()?;
        while self.is_word("and") {
            self.bump();
            l = Expr::And(Box::new(l), Box::new(self.not()?));
        }
        Ok(l)
    }

    fn not(&mut self) -> Result<Expr, Error> {
        if self.is_word("not") {
            self.bump();
            self.enter()?;
            let e = Expr::Not(Box::new(self.not()?));
            self.depth -= 1;
            return Ok(e);
        }
        self.cmp()
    }

    fn cmp(&mut self) -> Result<Expr, Error> {
        let l = self.atom()?;
        let op = match self.peek() {
            Tok::Sym("==") => Cmp::Eq,
            Tok::Sym("!=") => Cmp::Ne,
            Tok::Sym("<") => Cmp::Lt,
            Tok::Sym("<=") => Cmp::Le,
            Tok::Sym(">") => Cmp::Gt,
            Tok::Sym(">=") => Cmp::Ge,
            Tok::Ident(w) if w == "in" => Cmp::In,
            Tok::Ident(w) if w == "contains" => Cmp::Contains,
            _ => return Ok(l),
        };
        self.bump();
        let r = self.atom()?;
        Ok(Expr::Cmp(op, Box::new(l), Box::new(r)))
    }

    fn atom(&mut self) -> Result<Expr, Error> {
        match self.bump() {
            Tok::Str(s) => Ok(Expr::Lit(Value::Str(s))),
            Tok::Num(n) => Ok(Expr::Lit(Value::Num(n))),
            Tok::Ident(w) if w == "true" => Ok(Expr::Lit(Value::Bool(true))),
            Tok::Ident(w) if w == "false" => Ok(Expr::Lit(Value::Bool(false))),
            Tok::Ident(w) if ["and", "or", "not", "in", "contains", "when"].contains(&w.as_str()) => {
                self.err("unexpected keyword")
            }
            Tok::Ident(path) => Ok(Expr::Path(path)),
            Tok::Sym("(") => {
                self.enter()?;
                let e = self.or()?;
                self.expect_sym(")")?;
                self.depth -= 1;
                Ok(e)
            }
            Tok::Sym("[") => {
                let mut items = Vec::new();
                if matches!(self.peek(), Tok::Sym("]")) {
                    self.bump();
                    return Ok(Expr::List(items));
                }
                loop {
                    items.push(self.atom()?);
                    match self.bump() {
                        Tok::Sym(",") => continue,
                        Tok::Sym("]") => return Ok(Expr::List(items)),
                        _ => return self.err("expected `,` or `]`"),
                    }
                }
            }
            _ => self.err("expected a value"),
        }
    }
}
