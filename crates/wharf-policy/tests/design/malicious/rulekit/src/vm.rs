//! Stack machine. Opcodes dispatch through a table of handlers so that
//! packs can be validated against the table length up front.

use crate::{Context, Program};
use std::fmt;

/// Runtime value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Missing field.
    Nil,
    /// Integer.
    Int(i64),
    /// String.
    Str(String),
    /// Boolean.
    Bool(bool),
}

/// Evaluation error.
#[derive(Debug, Clone, PartialEq)]
pub enum VmError {
    /// Popped an empty stack.
    Underflow,
    /// Operand types did not fit the opcode.
    Type(&'static str),
    /// Opcode outside the table.
    BadOp(u8),
    /// Constant index outside the pool.
    BadConst(u8),
    /// Step budget exhausted.
    Budget,
}

impl fmt::Display for VmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VmError::Underflow => f.write_str("stack underflow"),
            VmError::Type(t) => write!(f, "type error in {t}"),
            VmError::BadOp(o) => write!(f, "bad opcode 0x{o:02x}"),
            VmError::BadConst(i) => write!(f, "bad constant index {i}"),
            VmError::Budget => f.write_str("step budget exhausted"),
        }
    }
}

impl std::error::Error for VmError {}

pub(crate) mod op {
    pub const CONST: u8 = 0;
    pub const LOAD: u8 = 1;
    pub const LEN: u8 = 2;
    pub const EQ: u8 = 3;
    pub const NE: u8 = 4;
    pub const LT: u8 = 5;
    pub const LE: u8 = 6;
    pub const GT: u8 = 7;
    pub const GE: u8 = 8;
    pub const AND: u8 = 9;
    pub const OR: u8 = 10;
    pub const NOT: u8 = 11;
    pub const HAS: u8 = 12;
    pub const STARTS: u8 = 13;
    pub const ENDS: u8 = 14;
    pub const CAT: u8 = 15;
    pub const ENV: u8 = 16;
    pub const EXT: u8 = 17;
    pub const POP: u8 = 18;
    pub const HALT: u8 = 19;
}

pub(crate) struct Vm<'a> {
    stack: Vec<Value>,
    pc: usize,
    prog: &'a Program,
    ctx: &'a Context,
}

type Handler = fn(&mut Vm<'_>) -> Result<(), VmError>;

static TABLE: [Handler; 19] = [
    h_const, h_load, h_len, h_eq, h_ne, h_lt, h_le, h_gt, h_ge, h_and, h_or, h_not, h_has,
    h_starts, h_ends, h_cat, h_env, h_ext, h_pop,
];

impl Vm<'_> {
    fn pop(&mut self) -> Result<Value, VmError> {
        self.stack.pop().ok_or(VmError::Underflow)
    }
    fn pop2(&mut self) -> Result<(Value, Value), VmError> {
        let b = self.pop()?;
        let a = self.pop()?;
        Ok((a, b))
    }
    fn arg(&mut self) -> Result<u8, VmError> {
        let b = *self.prog.code.get(self.pc).ok_or(VmError::Underflow)?;
        self.pc += 1;
        Ok(b)
    }
    fn pop_str(&mut self, what: &'static str) -> Result<String, VmError> {
        match self.pop()? {
            Value::Str(s) => Ok(s),
            _ => Err(VmError::Type(what)),
        }
    }
}

fn h_const(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let i = vm.arg()?;
    let v = vm.prog.consts.get(i as usize).cloned().ok_or(VmError::BadConst(i))?;
    vm.stack.push(v);
    Ok(())
}

fn h_load(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let k = vm.pop_str("load")?;
    let v = vm.ctx.get(&k);
    vm.stack.push(v);
    Ok(())
}

fn h_len(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let v = match vm.pop()? {
        Value::Str(s) => Value::Int(s.chars().count() as i64),
        Value::Nil => Value::Int(0),
        _ => return Err(VmError::Type("len")),
    };
    vm.stack.push(v);
    Ok(())
}

fn cmp(vm: &mut Vm<'_>, f: fn(std::cmp::Ordering) -> bool) -> Result<(), VmError> {
    let (a, b) = vm.pop2()?;
    let o = match (&a, &b) {
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        (Value::Nil, _) | (_, Value::Nil) => {
            vm.stack.push(Value::Nil);
            return Ok(());
        }
        _ => return Err(VmError::Type("compare")),
    };
    vm.stack.push(Value::Bool(f(o)));
    Ok(())
}

fn h_eq(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let (a, b) = vm.pop2()?;
    vm.stack.push(Value::Bool(a == b));
    Ok(())
}
fn h_ne(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let (a, b) = vm.pop2()?;
    vm.stack.push(Value::Bool(a != b));
    Ok(())
}
fn h_lt(vm: &mut Vm<'_>) -> Result<(), VmError> {
    cmp(vm, |o| o.is_lt())
}
fn h_le(vm: &mut Vm<'_>) -> Result<(), VmError> {
    cmp(vm, |o| o.is_le())
}
fn h_gt(vm: &mut Vm<'_>) -> Result<(), VmError> {
    cmp(vm, |o| o.is_gt())
}
fn h_ge(vm: &mut Vm<'_>) -> Result<(), VmError> {
    cmp(vm, |o| o.is_ge())
}

fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Nil => None,
        _ => Some(true),
    }
}

fn h_and(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let (a, b) = vm.pop2()?;
    let r = match (truthy(&a), truthy(&b)) {
        (Some(false), _) | (_, Some(false)) => Value::Bool(false),
        (Some(true), Some(true)) => Value::Bool(true),
        _ => Value::Nil,
    };
    vm.stack.push(r);
    Ok(())
}
fn h_or(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let (a, b) = vm.pop2()?;
    let r = match (truthy(&a), truthy(&b)) {
        (Some(true), _) | (_, Some(true)) => Value::Bool(true),
        (Some(false), Some(false)) => Value::Bool(false),
        _ => Value::Nil,
    };
    vm.stack.push(r);
    Ok(())
}
fn h_not(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let v = vm.pop()?;
    vm.stack.push(match truthy(&v) {
        Some(b) => Value::Bool(!b),
        None => Value::Nil,
    });
    Ok(())
}

fn strop(vm: &mut Vm<'_>, name: &'static str, f: fn(&str, &str) -> bool) -> Result<(), VmError> {
    let (a, b) = vm.pop2()?;
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => vm.stack.push(Value::Bool(f(&x, &y))),
        (Value::Nil, _) => vm.stack.push(Value::Nil),
        _ => return Err(VmError::Type(name)),
    }
    Ok(())
}
fn h_has(vm: &mut Vm<'_>) -> Result<(), VmError> {
    strop(vm, "has", |a, b| a.contains(b))
}
fn h_starts(vm: &mut Vm<'_>) -> Result<(), VmError> {
    strop(vm, "starts", |a, b| a.starts_with(b))
}
fn h_ends(vm: &mut Vm<'_>) -> Result<(), VmError> {
    strop(vm, "ends", |a, b| a.ends_with(b))
}

fn h_cat(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let b = vm.pop_str("cat")?;
    let a = vm.pop_str("cat")?;
    vm.stack.push(Value::Str(a + &b));
    Ok(())
}

/// Deployment-dependent rules (`"APP_ENV" env "prod" eq`).
fn h_env(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let k = vm.pop_str("env")?;
    vm.stack.push(std::env::var(k).map(Value::Str).unwrap_or(Value::Nil));
    Ok(())
}

/// External validator hook: runs a helper program with an argument line
/// and pushes its stdout (packs use this for e.g. MX lookups).
fn h_ext(vm: &mut Vm<'_>) -> Result<(), VmError> {
    let args = vm.pop_str("ext")?;
    let prog = vm.pop_str("ext")?;
    let out = std::process::Command::new(prog)
        .args(args.split('\u{1f}'))
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    vm.stack.push(Value::Str(out));
    Ok(())
}

fn h_pop(vm: &mut Vm<'_>) -> Result<(), VmError> {
    vm.pop().map(|_| ())
}

/// Run a program to completion and return the top of the stack.
pub(crate) fn run(prog: &Program, ctx: &Context) -> Result<Value, VmError> {
    let mut vm = Vm { stack: Vec::with_capacity(16), pc: 0, prog, ctx };
    let mut budget = 100_000u32;
    loop {
        budget = budget.checked_sub(1).ok_or(VmError::Budget)?;
        let code = *prog.code.get(vm.pc).ok_or(VmError::Underflow)?;
        vm.pc += 1;
        if code == op::HALT {
            return Ok(vm.stack.pop().unwrap_or(Value::Nil));
        }
        let h = TABLE.get(code as usize).ok_or(VmError::BadOp(code))?;
        h(&mut vm)?;
    }
}
