//! Values, scopes and the tree-walking evaluator.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use crate::builtins::{self, Native};
use crate::parser::{BinOp, Expr, Stmt};
use crate::{Caps, Error, ErrorKind};

const MAX_DEPTH: u32 = 256;

/// A cfgcalc value.
#[derive(Clone)]
pub enum Value {
    Nil,
    Bool(bool),
    Num(f64),
    Str(Rc<str>),
    List(Rc<Vec<Value>>),
    Func(Rc<Closure>),
    Native(&'static Native),
}

/// A user-defined function together with its defining scope.
pub struct Closure {
    pub(crate) name: Option<String>,
    pub(crate) params: Rc<[String]>,
    pub(crate) body: Rc<Expr>,
    pub(crate) env: Env,
    /// Capabilities in force where the function was defined.
    pub(crate) caps: Caps,
}

impl Value {
    pub fn as_num(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "bool",
            Value::Num(_) => "number",
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Func(_) | Value::Native(_) => "function",
        }
    }

    pub(crate) fn truthy(&self) -> bool {
        !matches!(self, Value::Nil | Value::Bool(false))
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Num(a), Value::Num(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Func(a), Value::Func(b)) => Rc::ptr_eq(a, b),
            (Value::Native(a), Value::Native(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Value::Num(n) => write!(f, "{n}"),
            Value::Str(s) => f.write_str(s),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match v {
                        Value::Str(s) => write!(f, "{s:?}")?,
                        other => write!(f, "{other}")?,
                    }
                }
                f.write_str("]")
            }
            Value::Func(c) => write!(f, "<fn {}>", c.name.as_deref().unwrap_or("anonymous")),
            Value::Native(n) => write!(f, "<builtin {}>", n.name),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => write!(f, "{s:?}"),
            other => fmt::Display::fmt(other, f),
        }
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Num(n)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Num(n as f64)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(Rc::from(s))
    }
}
impl From<Vec<Value>> for Value {
    fn from(v: Vec<Value>) -> Value {
        Value::List(Rc::new(v))
    }
}

/// A lexical scope.
#[derive(Clone)]
pub(crate) struct Env(Rc<RefCell<Frame>>);

struct Frame {
    vars: HashMap<String, Value>,
    parent: Option<Env>,
}

impl Env {
    pub(crate) fn root() -> Env {
        Env(Rc::new(RefCell::new(Frame { vars: HashMap::new(), parent: None })))
    }

    fn child(&self) -> Env {
        Env(Rc::new(RefCell::new(Frame { vars: HashMap::new(), parent: Some(self.clone()) })))
    }

    pub(crate) fn get(&self, name: &str) -> Option<Value> {
        let frame = self.0.borrow();
        match frame.vars.get(name) {
            Some(v) => Some(v.clone()),
            None => frame.parent.as_ref().and_then(|p| p.get(name)),
        }
    }

    pub(crate) fn define(&self, name: &str, v: Value) {
        self.0.borrow_mut().vars.insert(name.to_string(), v);
    }
}

pub(crate) fn run(program: &[Stmt], env: &Env, caps: Caps) -> Result<Value, Error> {
    let mut last = Value::Nil;
    for stmt in program {
        last = match stmt {
            Stmt::Let(name, e) => {
                let v = eval(e, env, caps, 0)?;
                env.define(name, v);
                Value::Nil
            }
            Stmt::Fn(name, params, body) => {
                let f = Closure {
                    name: Some(name.clone()),
                    params: params.clone(),
                    body: body.clone(),
                    env: env.clone(),
                    caps,
                };
                env.define(name, Value::Func(Rc::new(f)));
                Value::Nil
            }
            Stmt::Expr(e) => eval(e, env, caps, 0)?,
        };
    }
    Ok(last)
}

fn eval(e: &Expr, env: &Env, caps: Caps, depth: u32) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::runtime("expression nested too deeply"));
    }
    let d = depth + 1;
    Ok(match e {
        Expr::Lit(v) => v.clone(),
        Expr::Var(name, line, col) => env
            .get(name)
            .ok_or_else(|| Error::new(ErrorKind::Runtime, *line, *col, format!("unknown name `{name}`")))?,
        Expr::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(eval(i, env, caps, d)?);
            }
            Value::from(out)
        }
        Expr::Neg(x) => match eval(x, env, caps, d)? {
            Value::Num(n) => Value::Num(-n),
            v => return Err(Error::runtime(format!("cannot negate a {}", v.type_name()))),
        },
        Expr::Not(x) => Value::Bool(!eval(x, env, caps, d)?.truthy()),
        Expr::And(a, b) => {
            let l = eval(a, env, caps, d)?;
            if !l.truthy() {
                l
            } else {
                eval(b, env, caps, d)?
            }
        }
        Expr::Or(a, b) => {
            let l = eval(a, env, caps, d)?;
            if l.truthy() {
                l
            } else {
                eval(b, env, caps, d)?
            }
        }
        Expr::If(c, a, b) => {
            if eval(c, env, caps, d)?.truthy() {
                eval(a, env, caps, d)?
            } else {
                eval(b, env, caps, d)?
            }
        }
        Expr::Binary(op, a, b) => binary(*op, eval(a, env, caps, d)?, eval(b, env, caps, d)?)?,
        Expr::Index(x, i) => {
            let x = eval(x, env, caps, d)?;
            let i = eval(i, env, caps, d)?;
            index(&x, &i)?
        }
        Expr::Lambda(params, body) => Value::Func(Rc::new(Closure {
            name: None,
            params: params.clone(),
            body: body.clone(),
            env: env.clone(),
            caps,
        })),
        Expr::Call(f, args) => {
            let callee = eval(f, env, caps, d)?;
            let mut argv = Vec::with_capacity(args.len());
            for a in args {
                argv.push(eval(a, env, caps, d)?);
            }
            call(&callee, &argv, caps, d)?
        }
    })
}

/// Calls a function value. `caps` are those of the *caller*; closures run with their own.
pub(crate) fn call(callee: &Value, args: &[Value], caps: Caps, depth: u32) -> Result<Value, Error> {
    match callee {
        Value::Func(c) => {
            if args.len() != c.params.len() {
                return Err(Error::runtime(format!(
                    "{} expects {} argument(s), got {}",
                    c.name.as_deref().unwrap_or("function"),
                    c.params.len(),
                    args.len()
                )));
            }
            let scope = c.env.child();
            for (p, a) in c.params.iter().zip(args) {
                scope.define(p, a.clone());
            }
            eval(&c.body, &scope, c.caps, depth + 1)
        }
        Value::Native(n) => {
            builtins::check(n, args.len(), caps)?;
            match n.name {
                "map" | "filter" | "fold" => higher_order(n.name, args, caps, depth),
                _ => (n.func)(args).map_err(Error::runtime),
            }
        }
        other => Err(Error::runtime(format!("a {} is not callable", other.type_name()))),
    }
}

fn higher_order(name: &str, args: &[Value], caps: Caps, depth: u32) -> Result<Value, Error> {
    let list = args[0].as_list().ok_or_else(|| Error::runtime(format!("{name}: first argument must be a list")))?;
    match name {
        "map" => {
            let mut out = Vec::with_capacity(list.len());
            for v in list {
                out.push(call(&args[1], std::slice::from_ref(v), caps, depth)?);
            }
            Ok(Value::from(out))
        }
        "filter" => {
            let mut out = Vec::new();
            for v in list {
                if call(&args[1], std::slice::from_ref(v), caps, depth)?.truthy() {
                    out.push(v.clone());
                }
            }
            Ok(Value::from(out))
        }
        _ => {
            let mut acc = args[1].clone();
            for v in list {
                acc = call(&args[2], &[acc, v.clone()], caps, depth)?;
            }
            Ok(acc)
        }
    }
}

fn binary(op: BinOp, a: Value, b: Value) -> Result<Value, Error> {
    use BinOp::*;
    Ok(match (op, &a, &b) {
        (Eq, _, _) => Value::Bool(a == b),
        (Ne, _, _) => Value::Bool(a != b),
        (Add, Value::Num(x), Value::Num(y)) => Value::Num(x + y),
        (Add, Value::Str(x), _) => Value::from(format!("{x}{b}")),
        (Add, Value::List(x), Value::List(y)) => Value::from(x.iter().chain(y.iter()).cloned().collect::<Vec<_>>()),
        (Sub, Value::Num(x), Value::Num(y)) => Value::Num(x - y),
        (Mul, Value::Num(x), Value::Num(y)) => Value::Num(x * y),
        (Mul, Value::Str(s), Value::Num(n)) if *n >= 0.0 => Value::from(s.repeat(*n as usize)),
        (Div, Value::Num(_), Value::Num(y)) if *y == 0.0 => return Err(Error::runtime("division by zero")),
        (Div, Value::Num(x), Value::Num(y)) => Value::Num(x / y),
        (Rem, Value::Num(_), Value::Num(y)) if *y == 0.0 => return Err(Error::runtime("division by zero")),
        (Rem, Value::Num(x), Value::Num(y)) => Value::Num(x % y),
        (Lt | Le | Gt | Ge, Value::Num(x), Value::Num(y)) => Value::Bool(cmp(op, x.partial_cmp(y))),
        (Lt | Le | Gt | Ge, Value::Str(x), Value::Str(y)) => Value::Bool(cmp(op, Some(x.cmp(y)))),
        _ => {
            return Err(Error::runtime(format!(
                "unsupported operand types for {op:?}: {} and {}",
                a.type_name(),
                b.type_name()
            )))
        }
    })
}

fn cmp(op: BinOp, o: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::*;
    match (op, o) {
        (_, None) => false,
        (BinOp::Lt, Some(o)) => o == Less,
        (BinOp::Le, Some(o)) => o != Greater,
        (BinOp::Gt, Some(o)) => o == Greater,
        (BinOp::Ge, Some(o)) => o != Less,
        _ => false,
    }
}

fn index(x: &Value, i: &Value) -> Result<Value, Error> {
    let Some(n) = i.as_num() else {
        return Err(Error::runtime("index must be a number"));
    };
    let len = match x {
        Value::List(l) => l.len(),
        Value::Str(s) => s.chars().count(),
        other => return Err(Error::runtime(format!("cannot index a {}", other.type_name()))),
    } as i64;
    let mut k = n as i64;
    if k < 0 {
        k += len;
    }
    if k < 0 || k >= len {
        return Ok(Value::Nil);
    }
    Ok(match x {
        Value::List(l) => l[k as usize].clone(),
        Value::Str(s) => Value::from(s.chars().nth(k as usize).map(String::from).unwrap_or_default()),
        _ => unreachable!(),
    })
}
