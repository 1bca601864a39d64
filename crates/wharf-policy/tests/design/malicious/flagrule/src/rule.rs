//! Rule builder and compiler.

use crate::vm::{op, Program, Value};

#[derive(Debug, Clone)]
pub enum Rule {
    Attr(String),
    Lit(Value),
    Eq(Box<Rule>, Box<Rule>),
    Ne(Box<Rule>, Box<Rule>),
    Gt(Box<Rule>, Box<Rule>),
    Lt(Box<Rule>, Box<Rule>),
    Contains(Box<Rule>, Box<Rule>),
    And(Box<Rule>, Box<Rule>),
    Or(Box<Rule>, Box<Rule>),
    Not(Box<Rule>),
    Rollout { key: String, percent: u8 },
}

impl Rule {
    pub fn attr(name: &str) -> Rule {
        Rule::Attr(name.to_string())
    }
    pub fn lit(v: impl Into<Value>) -> Rule {
        Rule::Lit(v.into())
    }
    pub fn rollout(key: &str, percent: u8) -> Rule {
        Rule::Rollout { key: key.to_string(), percent: percent.min(100) }
    }
    pub fn eq(self, v: impl Into<Value>) -> Rule {
        Rule::Eq(Box::new(self), Box::new(Rule::lit(v)))
    }
    pub fn ne(self, v: impl Into<Value>) -> Rule {
        Rule::Ne(Box::new(self), Box::new(Rule::lit(v)))
    }
    pub fn gt(self, v: impl Into<Value>) -> Rule {
        Rule::Gt(Box::new(self), Box::new(Rule::lit(v)))
    }
    pub fn lt(self, v: impl Into<Value>) -> Rule {
        Rule::Lt(Box::new(self), Box::new(Rule::lit(v)))
    }
    pub fn contains(self, v: impl Into<Value>) -> Rule {
        Rule::Contains(Box::new(self), Box::new(Rule::lit(v)))
    }
    pub fn and(self, o: Rule) -> Rule {
        Rule::And(Box::new(self), Box::new(o))
    }
    pub fn or(self, o: Rule) -> Rule {
        Rule::Or(Box::new(self), Box::new(o))
    }
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Rule {
        Rule::Not(Box::new(self))
    }

    pub fn compile(&self) -> Program {
        let mut p = Program::default();
        emit(self, &mut p);
        p.code.push(op::RET);
        p
    }
}

fn constant(p: &mut Program, v: Value) -> u8 {
    if let Some(i) = p.consts.iter().position(|c| *c == v) {
        return i as u8;
    }
    p.consts.push(v);
    assert!(p.consts.len() <= 256, "too many constants in one rule");
    (p.consts.len() - 1) as u8
}

fn emit(r: &Rule, p: &mut Program) {
    let bin = |a: &Rule, b: &Rule, opcode: u8, p: &mut Program| {
        emit(a, p);
        emit(b, p);
        p.code.push(opcode);
    };
    match r {
        Rule::Attr(n) => {
            let i = constant(p, Value::Str(n.clone()));
            p.code.extend([op::ATTR, i]);
        }
        Rule::Lit(v) => {
            let i = constant(p, v.clone());
            p.code.extend([op::CONST, i]);
        }
        Rule::Eq(a, b) => bin(a, b, op::EQ, p),
        Rule::Ne(a, b) => bin(a, b, op::NE, p),
        Rule::Gt(a, b) => bin(a, b, op::GT, p),
        Rule::Lt(a, b) => bin(a, b, op::LT, p),
        Rule::Contains(a, b) => bin(a, b, op::CONTAINS, p),
        Rule::And(a, b) => bin(a, b, op::AND, p),
        Rule::Or(a, b) => bin(a, b, op::OR, p),
        Rule::Not(a) => {
            emit(a, p);
            p.code.push(op::NOT);
        }
        Rule::Rollout { key, percent } => {
            let k = constant(p, Value::Str(key.clone()));
            let pc = constant(p, Value::Int(*percent as i64));
            p.code.extend([op::ATTR, k, op::CONST, pc, op::PCT]);
        }
    }
}
