//! Syntax tree and recursive-descent parser.
//!
//! Precedence, lowest first: `|>`, `or`, `and`, `not`, comparisons, `+ -`, `* / %`, unary
//! minus, postfix (call, index).

use std::rc::Rc;

use crate::eval::Value;
use crate::lexer::{Kw, Tok, Token};
use crate::{Error, ErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Lit(Value),
    Var(String, u32, u32),
    List(Vec<Expr>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Lambda(Rc<[String]>, Rc<Expr>),
}

#[derive(Debug, Clone)]
pub(crate) enum Stmt {
    Let(String, Expr),
    Fn(String, Rc<[String]>, Rc<Expr>),
    Expr(Expr),
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
}

pub(crate) fn parse(toks: Vec<Token>) -> Result<Vec<Stmt>, Error> {
    let mut p = Parser { toks, pos: 0 };
    let mut out = Vec::new();
    loop {
        while p.eat_op(";") {}
        if p.peek() == &Tok::Eof {
            return Ok(out);
        }
        out.push(p.statement()?);
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].tok
    }

    fn peek_at(&self, n: usize) -> &Tok {
        let i = (self.pos + n).min(self.toks.len() - 1);
        &self.toks[i].tok
    }

    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn err<T>(&self, what: &str) -> Result<T, Error> {
        let t = &self.toks[self.pos];
        let found = match &t.tok {
            Tok::Num(n) => format!("number {n}"),
            Tok::Str(_) => "string".to_string(),
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Kw(k) => format!("keyword {k:?}").to_lowercase(),
            Tok::Op(o) => format!("`{o}`"),
            Tok::Eof => "end of input".to_string(),
        };
        Err(Error::new(ErrorKind::Parse, t.line, t.col, format!("expected {what}, found {found}")))
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Tok::Op(o) if *o == op) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: Kw) -> bool {
        if self.peek() == &Tok::Kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<(), Error> {
        if self.eat_op(op) {
            Ok(())
        } else {
            self.err(&format!("`{op}`"))
        }
    }

    fn ident(&mut self) -> Result<String, Error> {
        match self.peek().clone() {
            Tok::Ident(s) => {
                self.bump();
                Ok(s)
            }
            _ => self.err("a name"),
        }
    }

    fn statement(&mut self) -> Result<Stmt, Error> {
        if self.eat_kw(Kw::Let) {
            let name = self.ident()?;
            self.expect_op("=")?;
            return Ok(Stmt::Let(name, self.expr()?));
        }
        if self.peek() == &Tok::Kw(Kw::Fn) && matches!(self.peek_at(1), Tok::Ident(_)) {
            self.bump();
            let name = self.ident()?;
            let params = self.params()?;
            self.expect_op("=")?;
            let body = self.expr()?;
            return Ok(Stmt::Fn(name, params, Rc::new(body)));
        }
        Ok(Stmt::Expr(self.expr()?))
    }

    fn params(&mut self) -> Result<Rc<[String]>, Error> {
        self.expect_op("(")?;
        let mut ps = Vec::new();
        if !self.eat_op(")") {
            loop {
                ps.push(self.ident()?);
                if self.eat_op(")") {
                    break;
                }
                self.expect_op(",")?;
            }
        }
        Ok(ps.into())
    }

    fn expr(&mut self) -> Result<Expr, Error> {
        if self.eat_kw(Kw::If) {
            let c = self.expr()?;
            if !self.eat_kw(Kw::Then) {
                return self.err("`then`");
            }
            let a = self.expr()?;
            if !self.eat_kw(Kw::Else) {
                return self.err("`else`");
            }
            let b = self.expr()?;
            return Ok(Expr::If(Box::new(c), Box::new(a), Box::new(b)));
        }
        self.pipe()
    }

    /// `x |> f(a)` is `f(x, a)`; `x |> f` is `f(x)`.
    fn pipe(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.or()?;
        while self.eat_op("|>") {
            let rhs = self.or()?;
            lhs = match rhs {
                Expr::Call(f, mut args) => {
                    args.insert(0, lhs);
                    Expr::Call(f, args)
                }
                other => Expr::Call(Box::new(other), vec![lhs]),
            };
        }
        Ok(lhs)
    }

    fn or(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.and()?;
        while self.eat_kw(Kw::Or) {
            lhs = Expr::Or(Box::new(lhs), Box::new(self.and()?));
        }
        Ok(lhs)
    }

    fn and(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.not()?;
        while self.eat_kw(Kw::And) {
            lhs = Expr::And(Box::new(lhs), Box::new(self.not()?));
        }
        Ok(lhs)
    }

    fn not(&mut self) -> Result<Expr, Error> {
        if self.eat_kw(Kw::Not) || self.eat_op("!") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, Error> {
        let lhs = self.additive()?;
        let op = match self.peek() {
            Tok::Op("==") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            _ => return Ok(lhs),
        };
        self.bump();
        let rhs = self.additive()?;
        Ok(Expr::Binary(op, Box::new(lhs), Box::new(rhs)))
    }

    fn additive(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.multiplicative()?;
        loop {
            let op = match self.peek() {
                Tok::Op("+") => BinOp::Add,
                Tok::Op("-") => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.bump();
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(self.multiplicative()?));
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => BinOp::Mul,
                Tok::Op("/") => BinOp::Div,
                Tok::Op("%") => BinOp::Rem,
                _ => return Ok(lhs),
            };
            self.bump();
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, Error> {
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Result<Expr, Error> {
        let mut e = self.primary()?;
        loop {
            if self.eat_op("(") {
                let args = self.list_tail(")")?;
                e = Expr::Call(Box::new(e), args);
            } else if self.eat_op("[") {
                let idx = self.expr()?;
                self.expect_op("]")?;
                e = Expr::Index(Box::new(e), Box::new(idx));
            } else if self.peek() == &Tok::Op(".") && matches!(self.peek_at(1), Tok::Ident(_)) {
                // `x.len()` is sugar for `len(x)`
                self.bump();
                let t = self.bump();
                let Tok::Ident(name) = t.tok else { unreachable!() };
                let mut args = if self.eat_op("(") { self.list_tail(")")? } else { Vec::new() };
                args.insert(0, e);
                e = Expr::Call(Box::new(Expr::Var(name, t.line, t.col)), args);
            } else {
                return Ok(e);
            }
        }
    }

    fn list_tail(&mut self, close: &str) -> Result<Vec<Expr>, Error> {
        let mut items = Vec::new();
        if self.eat_op(close) {
            return Ok(items);
        }
        loop {
            items.push(self.expr()?);
            if self.eat_op(close) {
                return Ok(items);
            }
            self.expect_op(",")?;
            if self.eat_op(close) {
                return Ok(items); // trailing comma
            }
        }
    }

    fn primary(&mut self) -> Result<Expr, Error> {
        let t = self.toks[self.pos].clone();
        match t.tok {
            Tok::Num(n) => {
                self.bump();
                Ok(Expr::Lit(Value::Num(n)))
            }
            Tok::Str(s) => {
                self.bump();
                Ok(Expr::Lit(Value::from(s)))
            }
            Tok::Kw(Kw::True) => {
                self.bump();
                Ok(Expr::Lit(Value::Bool(true)))
            }
            Tok::Kw(Kw::False) => {
                self.bump();
                Ok(Expr::Lit(Value::Bool(false)))
            }
            Tok::Kw(Kw::Nil) => {
                self.bump();
                Ok(Expr::Lit(Value::Nil))
            }
            Tok::Kw(Kw::Fn) => {
                self.bump();
                let params = self.params()?;
                self.expect_op("=")?;
                let body = self.expr()?;
                Ok(Expr::Lambda(params, Rc::new(body)))
            }
            Tok::Kw(Kw::If) => self.expr(),
            Tok::Ident(name) => {
                self.bump();
                Ok(Expr::Var(name, t.line, t.col))
            }
            Tok::Op("(") => {
                self.bump();
                let e = self.expr()?;
                self.expect_op(")")?;
                Ok(e)
            }
            Tok::Op("[") => {
                self.bump();
                Ok(Expr::List(self.list_tail("]")?))
            }
            _ => self.err("an expression"),
        }
    }
}
