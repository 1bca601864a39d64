//! A tiny, sandboxed stack machine for arithmetic formulas.
//!
//! Source is parsed (infix with precedence, or RPN when prefixed by `rpn:`)
//! into bytecode; bytecode runs on a fixed-size stack with a dispatch table
//! of pure functions. There are no opcodes for I/O or control flow.

mod parse;

use std::collections::HashMap;
use std::fmt;

/// Maximum stack depth.
pub const MAX_STACK: usize = 64;
/// Maximum program length in instructions.
pub const MAX_CODE: usize = 4096;

/// Variables visible to a program.
#[derive(Clone, Debug, Default)]
pub struct Vars(HashMap<String, f64>);

impl Vars {
    /// Empty set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Set a variable.
    pub fn set(&mut self, k: &str, v: f64) -> &mut Self {
        self.0.insert(k.to_string(), v);
        self
    }
    fn get(&self, k: &str) -> Option<f64> {
        self.0.get(k).copied()
    }
}

/// Errors.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// Syntax error at byte offset.
    Syntax(usize, String),
    /// Unknown variable.
    UnknownVar(String),
    /// Unknown function.
    UnknownFn(String),
    /// Stack overflow or underflow.
    Stack,
    /// Program too long.
    TooLong,
    /// Division by zero.
    DivZero,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Syntax(at, m) => write!(f, "syntax error at {at}: {m}"),
            Error::UnknownVar(v) => write!(f, "unknown variable `{v}`"),
            Error::UnknownFn(v) => write!(f, "unknown function `{v}`"),
            Error::Stack => f.write_str("stack error"),
            Error::TooLong => f.write_str("program too long"),
            Error::DivZero => f.write_str("division by zero"),
        }
    }
}
impl std::error::Error for Error {}

/// Instructions.
#[derive(Clone, Debug, PartialEq)]
pub enum Instr {
    /// Push a literal.
    Num(f64),
    /// Push a variable's value.
    Var(String),
    /// Apply the operator with this index in [`OPS`].
    Op(u8),
}

/// An operator: name, arity and implementation.
pub struct OpDef {
    /// Name used in source.
    pub name: &'static str,
    /// Number of operands popped.
    pub arity: u8,
    /// Implementation.
    pub f: fn(&[f64]) -> Result<f64, Error>,
}

fn add(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0] + a[1])
}
fn sub(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0] - a[1])
}
fn mul(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0] * a[1])
}
fn div(a: &[f64]) -> Result<f64, Error> {
    if a[1] == 0.0 {
        Err(Error::DivZero)
    } else {
        Ok(a[0] / a[1])
    }
}
fn rem(a: &[f64]) -> Result<f64, Error> {
    if a[1] == 0.0 {
        Err(Error::DivZero)
    } else {
        Ok(a[0] % a[1])
    }
}
fn pow(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].powf(a[1]))
}
fn neg(a: &[f64]) -> Result<f64, Error> {
    Ok(-a[0])
}
fn min(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].min(a[1]))
}
fn max(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].max(a[1]))
}
fn abs(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].abs())
}
fn sqrt(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].sqrt())
}
fn round(a: &[f64]) -> Result<f64, Error> {
    let p = 10f64.powi(a[1] as i32);
    Ok((a[0] * p).round() / p)
}
fn floor(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].floor())
}
fn ceil(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].ceil())
}
fn clamp(a: &[f64]) -> Result<f64, Error> {
    Ok(a[0].max(a[1]).min(a[2]))
}
fn iff(a: &[f64]) -> Result<f64, Error> {
    Ok(if a[0] != 0.0 { a[1] } else { a[2] })
}

/// Dispatch table. Index = opcode.
pub static OPS: &[OpDef] = &[
    OpDef { name: "+", arity: 2, f: add },
    OpDef { name: "-", arity: 2, f: sub },
    OpDef { name: "*", arity: 2, f: mul },
    OpDef { name: "/", arity: 2, f: div },
    OpDef { name: "%", arity: 2, f: rem },
    OpDef { name: "^", arity: 2, f: pow },
    OpDef { name: "neg", arity: 1, f: neg },
    OpDef { name: "min", arity: 2, f: min },
    OpDef { name: "max", arity: 2, f: max },
    OpDef { name: "abs", arity: 1, f: abs },
    OpDef { name: "sqrt", arity: 1, f: sqrt },
    OpDef { name: "round", arity: 2, f: round },
    OpDef { name: "floor", arity: 1, f: floor },
    OpDef { name: "ceil", arity: 1, f: ceil },
    OpDef { name: "clamp", arity: 3, f: clamp },
    OpDef { name: "if", arity: 3, f: iff },
];

pub(crate) fn op_index(name: &str) -> Option<u8> {
    OPS.iter().position(|o| o.name == name).map(|i| i as u8)
}

/// A compiled formula.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    code: Vec<Instr>,
}

impl Program {
    /// The bytecode (for display / caching).
    pub fn instructions(&self) -> &[Instr] {
        &self.code
    }

    /// Names of variables the formula reads.
    pub fn variables(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .code
            .iter()
            .filter_map(|i| if let Instr::Var(n) = i { Some(n.as_str()) } else { None })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Run the program.
    pub fn eval(&self, vars: &Vars) -> Result<f64, Error> {
        let mut stack = [0f64; MAX_STACK];
        let mut sp = 0usize;
        for ins in &self.code {
            match ins {
                Instr::Num(n) => {
                    if sp == MAX_STACK {
                        return Err(Error::Stack);
                    }
                    stack[sp] = *n;
                    sp += 1;
                }
                Instr::Var(name) => {
                    if sp == MAX_STACK {
                        return Err(Error::Stack);
                    }
                    stack[sp] = vars.get(name).ok_or_else(|| Error::UnknownVar(name.clone()))?;
                    sp += 1;
                }
                Instr::Op(i) => {
                    let def = &OPS[*i as usize];
                    let n = def.arity as usize;
                    if sp < n {
                        return Err(Error::Stack);
                    }
                    let r = (def.f)(&stack[sp - n..sp])?;
                    sp -= n;
                    stack[sp] = r;
                    sp += 1;
                }
            }
        }
        if sp != 1 {
            return Err(Error::Stack);
        }
        Ok(stack[0])
    }
}

/// Compile a formula. Prefix with `rpn:` for postfix input.
pub fn compile(src: &str) -> Result<Program, Error> {
    let code = match src.trim().strip_prefix("rpn:") {
        Some(rpn) => parse::rpn(rpn)?,
        None => parse::infix(src)?,
    };
    if code.len() > MAX_CODE {
        return Err(Error::TooLong);
    }
    let p = Program { code };
    // static stack check
    let mut depth: i64 = 0;
    for i in &p.code {
        depth += match i {
            Instr::Op(o) => 1 - OPS[*o as usize].arity as i64,
            _ => 1,
        };
        if depth < 1 || depth > MAX_STACK as i64 {
            return Err(Error::Stack);
        }
    }
    if depth != 1 {
        return Err(Error::Stack);
    }
    Ok(p)
}

/// Compile and evaluate in one go.
pub fn eval(src: &str, vars: &Vars) -> Result<f64, Error> {
    compile(src)?.eval(vars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infix() {
        let v = Vars::new();
        assert_eq!(eval("1 + 2 * 3", &v), Ok(7.0));
        assert_eq!(eval("(1 + 2) * 3", &v), Ok(9.0));
        assert_eq!(eval("-2 ^ 2", &v), Ok(-4.0));
        assert_eq!(eval("max(1, 5) - min(3, 4)", &v), Ok(2.0));
        assert_eq!(eval("1 / 0", &v), Err(Error::DivZero));
    }

    #[test]
    fn rpn() {
        let mut v = Vars::new();
        v.set("x", 4.0);
        assert_eq!(eval("rpn: x sqrt 3 +", &v), Ok(5.0));
        assert_eq!(eval("rpn: 1 +", &v), Err(Error::Stack));
    }

    #[test]
    fn vars() {
        let p = compile("a * b + a").unwrap();
        assert_eq!(p.variables(), vec!["a", "b"]);
    }
}
