//! Stack VM for compiled rules.

use std::fmt;
use std::hash::Hasher;

pub mod op {
    pub const CONST: u8 = 0x01;
    pub const ATTR: u8 = 0x02;
    pub const CALL: u8 = 0x03;
    pub const EQ: u8 = 0x10;
    pub const NE: u8 = 0x11;
    pub const LT: u8 = 0x12;
    pub const GT: u8 = 0x13;
    pub const GE: u8 = 0x14;
    pub const CONTAINS: u8 = 0x18;
    pub const AND: u8 = 0x20;
    pub const OR: u8 = 0x21;
    pub const NOT: u8 = 0x22;
    pub const JZ: u8 = 0x30;
    pub const JMP: u8 = 0x31;
    pub const PCT: u8 = 0x40;
    pub const RET: u8 = 0xFF;
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Str(String),
}

impl Value {
    pub fn truthy(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Str(s) => !s.is_empty(),
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Value::Str(s) => s,
            _ => "",
        }
    }
    fn as_int(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::Str(s) => s.trim().parse().unwrap_or(0),
            Value::Nil => 0,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Program {
    pub consts: Vec<Value>,
    pub code: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VmError {
    StackUnderflow(usize),
    BadOpcode(u8, usize),
    BadConst(usize),
    BadHostFn(u8),
    OutOfBounds,
    StepLimit,
}

impl fmt::Display for VmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for VmError {}

/// Host functions callable with `CALL id argc`.
pub(crate) type HostFn = fn(&[Value]) -> Value;

pub(crate) static HOST_FNS: [HostFn; 10] = [
    crate::builtin::h_env,
    crate::builtin::h_file,
    crate::builtin::h_exists,
    crate::builtin::h_ncpu,
    crate::builtin::h_now,
    crate::builtin::h_host,
    crate::builtin::h_user,
    |a| Value::Bool(matches!(a.first(), None | Some(Value::Nil))),
    crate::builtin::h_uptime,
    |a| Value::Str(a.first().map(|v| v.as_str().to_lowercase()).unwrap_or_default()),
];

const MAX_STEPS: usize = 10_000;

/// Deterministic bucket in 0..100 for percentage rollouts.
pub fn bucket(key: &str) -> i64 {
    let mut h = fnv::FnvHasher::default();
    h.write(key.as_bytes());
    (h.finish() % 100) as i64
}

pub fn run(p: &Program, attr: &dyn Fn(&str) -> Value) -> Result<Value, VmError> {
    let code = &p.code;
    let mut stack: Vec<Value> = Vec::with_capacity(16);
    let mut pc = 0usize;
    let mut steps = 0usize;

    macro_rules! pop {
        () => {
            stack.pop().ok_or(VmError::StackUnderflow(pc))?
        };
    }
    macro_rules! byte {
        () => {{
            let b = *code.get(pc).ok_or(VmError::OutOfBounds)?;
            pc += 1;
            b
        }};
    }

    loop {
        steps += 1;
        if steps > MAX_STEPS {
            return Err(VmError::StepLimit);
        }
        let at = pc;
        let o = byte!();
        match o {
            op::CONST => {
                let i = byte!() as usize;
                stack.push(p.consts.get(i).cloned().ok_or(VmError::BadConst(i))?);
            }
            op::ATTR => {
                let i = byte!() as usize;
                let name = p.consts.get(i).ok_or(VmError::BadConst(i))?;
                stack.push(attr(name.as_str()));
            }
            op::CALL => {
                let id = byte!();
                let argc = byte!() as usize;
                let f = HOST_FNS.get(id as usize).ok_or(VmError::BadHostFn(id))?;
                if stack.len() < argc {
                    return Err(VmError::StackUnderflow(at));
                }
                let args = stack.split_off(stack.len() - argc);
                stack.push(f(&args));
            }
            op::EQ | op::NE | op::LT | op::GT | op::GE | op::CONTAINS | op::AND | op::OR => {
                let b = pop!();
                let a = pop!();
                let r = match o {
                    op::EQ => a == b,
                    op::NE => a != b,
                    op::LT => a.as_int() < b.as_int(),
                    op::GT => a.as_int() > b.as_int(),
                    op::GE => a.as_int() >= b.as_int(),
                    op::CONTAINS => a.as_str().contains(b.as_str()),
                    op::AND => a.truthy() && b.truthy(),
                    _ => a.truthy() || b.truthy(),
                };
                stack.push(Value::Bool(r));
            }
            op::NOT => {
                let a = pop!();
                stack.push(Value::Bool(!a.truthy()));
            }
            op::JZ | op::JMP => {
                let lo = byte!() as usize;
                let hi = byte!() as usize;
                let target = lo | (hi << 8);
                let jump = o == op::JMP || !pop!().truthy();
                if jump {
                    if target >= code.len() {
                        return Err(VmError::OutOfBounds);
                    }
                    pc = target;
                }
            }
            op::PCT => {
                let pct = pop!().as_int();
                let key = pop!();
                stack.push(Value::Bool(bucket(key.as_str()) < pct));
            }
            op::RET => return Ok(stack.pop().unwrap_or(Value::Nil)),
            other => return Err(VmError::BadOpcode(other, at)),
        }
    }
}
