//! Evaluation. Pure: the only inputs are the expression and the request attributes.

use crate::parse::{Cmp, Expr};
use crate::{Error, Request};

/// An attribute or literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<Value>),
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
impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Num(n)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Num(n as f64)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Self {
        Value::List(v.into_iter().map(Into::into).collect())
    }
}

/// Caps the number of nodes visited per rule.
pub(crate) struct Budget(u32);

impl Budget {
    pub(crate) fn new(n: u32) -> Self {
        Budget(n)
    }

    fn spend(&mut self) -> Result<(), Error> {
        if self.0 == 0 {
            return Err(Error::Budget);
        }
        self.0 -= 1;
        Ok(())
    }
}

/// Missing attributes make the enclosing comparison false rather than an error, so a rule
/// about an attribute a caller does not send simply never matches.
fn value(e: &Expr, req: &Request, b: &mut Budget) -> Result<Option<Value>, Error> {
    b.spend()?;
    Ok(match e {
        Expr::Lit(v) => Some(v.clone()),
        Expr::Path(p) => req.get(p).cloned(),
        Expr::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                match value(i, req, b)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            Some(Value::List(out))
        }
        other => Some(Value::Bool(truthy(other, req, b)?)),
    })
}

pub(crate) fn truthy(e: &Expr, req: &Request, b: &mut Budget) -> Result<bool, Error> {
    b.spend()?;
    match e {
        Expr::Not(x) => Ok(!truthy(x, req, b)?),
        Expr::And(l, r) => Ok(truthy(l, req, b)? && truthy(r, req, b)?),
        Expr::Or(l, r) => Ok(truthy(l, req, b)? || truthy(r, req, b)?),
        Expr::Cmp(op, l, r) => {
            let (Some(l), Some(r)) = (value(l, req, b)?, value(r, req, b)?) else { return Ok(false) };
            Ok(compare(*op, &l, &r))
        }
        Expr::Lit(Value::Bool(v)) => Ok(*v),
        Expr::Path(_) => Ok(matches!(value(e, req, b)?, Some(Value::Bool(true)))),
        _ => Ok(false),
    }
}

fn compare(op: Cmp, l: &Value, r: &Value) -> bool {
    use Value::*;
    match op {
        Cmp::Eq => l == r,
        Cmp::Ne => l != r,
        Cmp::In => match r {
            List(items) => items.contains(l),
            Str(hay) => matches!(l, Str(needle) if hay.contains(needle.as_str())),
            _ => false,
        },
        Cmp::Contains => compare(Cmp::In, r, l),
        Cmp::Lt | Cmp::Le | Cmp::Gt | Cmp::Ge => {
            let ord = match (l, r) {
                (Num(a), Num(b)) => a.partial_cmp(b),
                (Str(a), Str(b)) => Some(a.cmp(b)),
                _ => None,
            };
            let Some(o) = ord else { return false };
            match op {
                Cmp::Lt => o.is_lt(),
                Cmp::Le => o.is_le(),
                Cmp::Gt => o.is_gt(),
                _ => o.is_ge(),
            }
        }
    }
}
