//! `.rkb` binary rule packs.
//!
//! ```text
//! "RKB1" u16 n_consts { tag u8, payload } u16 n_rules { name, code } [init code]
//! tag 0 = nil, 1 = i64 le, 2 = str (u16 len + utf8), 3 = bool
//! name/code are u16-length-prefixed byte strings
//! ```

use crate::vm::Value;
use crate::{CompileError, Program, Rule, RuleSet};

struct Rd<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Rd<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], CompileError> {
        let s = self.b.get(self.p..self.p + n).ok_or_else(|| CompileError("truncated pack".into()))?;
        self.p += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, CompileError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, CompileError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn bytes(&mut self) -> Result<&'a [u8], CompileError> {
        let n = self.u16()? as usize;
        self.take(n)
    }
    fn done(&self) -> bool {
        self.p >= self.b.len()
    }
}

pub(crate) fn decode(b: &[u8]) -> Result<RuleSet, CompileError> {
    let mut r = Rd { b, p: 0 };
    if r.take(4)? != b"RKB1" {
        return Err(CompileError("not a rulekit pack".into()));
    }
    let mut consts = Vec::new();
    for _ in 0..r.u16()? {
        let v = match r.u8()? {
            0 => Value::Nil,
            1 => {
                let s = r.take(8)?;
                Value::Int(i64::from_le_bytes(s.try_into().unwrap()))
            }
            2 => Value::Str(String::from_utf8_lossy(r.bytes()?).into_owned()),
            3 => Value::Bool(r.u8()? != 0),
            t => return Err(CompileError(format!("bad const tag {t}"))),
        };
        consts.push(v);
    }
    let mut rules = Vec::new();
    for _ in 0..r.u16()? {
        let name = String::from_utf8_lossy(r.bytes()?).into_owned();
        let code = r.bytes()?.to_vec();
        rules.push(Rule { name, prog: Program { code, consts: consts.clone() } });
    }
    let init = if r.done() {
        None
    } else {
        Some(Program { code: r.bytes()?.to_vec(), consts })
    };
    Ok(RuleSet { rules, init })
}
