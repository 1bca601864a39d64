//! The standard library of native functions.

use std::process::{Command, Stdio};

use crate::eval::{Env, Value};
use crate::{Caps, Error, ErrorKind};

/// Capability a builtin needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    Nothing,
    Env,
    Commands,
}

pub struct Native {
    pub(crate) name: &'static str,
    min: usize,
    max: usize,
    need: Need,
    pub(crate) func: fn(&[Value]) -> Result<Value, String>,
}

const VARIADIC: usize = usize::MAX;

macro_rules! natives {
    ($($name:literal => $f:ident [$min:expr, $max:expr] $need:ident;)*) => {
        static NATIVES: &[Native] = &[
            $(Native { name: $name, min: $min, max: $max, need: Need::$need, func: $f },)*
        ];
    };
}

natives! {
    "len"         => len         [1, 1] Nothing;
    "upper"       => upper       [1, 1] Nothing;
    "lower"       => lower       [1, 1] Nothing;
    "trim"        => trim        [1, 1] Nothing;
    "split"       => split       [2, 2] Nothing;
    "join"        => join        [2, 2] Nothing;
    "contains"    => contains    [2, 2] Nothing;
    "starts_with" => starts_with [2, 2] Nothing;
    "ends_with"   => ends_with   [2, 2] Nothing;
    "replace"     => replace     [3, 3] Nothing;
    "min"         => min         [1, VARIADIC] Nothing;
    "max"         => max         [1, VARIADIC] Nothing;
    "abs"         => abs         [1, 1] Nothing;
    "floor"       => floor       [1, 1] Nothing;
    "ceil"        => ceil        [1, 1] Nothing;
    "round"       => round       [1, 1] Nothing;
    "num"         => num         [1, 1] Nothing;
    "str"         => str         [1, 1] Nothing;
    "type"        => type_of     [1, 1] Nothing;
    "range"       => range       [1, 2] Nothing;
    "map"         => unreachable_hof [2, 2] Nothing;
    "filter"      => unreachable_hof [2, 2] Nothing;
    "fold"        => unreachable_hof [3, 3] Nothing;
    "env"         => env         [1, 1] Env;
    "cmd"         => cmd         [1, VARIADIC] Commands;
}

pub(crate) fn install(env: &Env) {
    for n in NATIVES {
        env.define(n.name, Value::Native(n));
    }
}

pub(crate) fn check(n: &Native, argc: usize, caps: Caps) -> Result<(), Error> {
    if argc < n.min || argc > n.max {
        let expected = match (n.min, n.max) {
            (a, b) if a == b => format!("{a}"),
            (a, VARIADIC) => format!("at least {a}"),
            (a, b) => format!("{a} to {b}"),
        };
        return Err(Error::runtime(format!("{} expects {expected} argument(s), got {argc}", n.name)));
    }
    let allowed = match n.need {
        Need::Nothing => true,
        Need::Env => caps.env,
        Need::Commands => caps.commands,
    };
    if !allowed {
        return Err(Error::new(ErrorKind::Denied, 0, 0, format!("{}() is not enabled for this engine", n.name)));
    }
    Ok(())
}

fn s<'a>(v: &'a Value, f: &str) -> Result<&'a str, String> {
    v.as_str().ok_or_else(|| format!("{f}: expected a string, got {}", v.type_name()))
}

fn n(v: &Value, f: &str) -> Result<f64, String> {
    v.as_num().ok_or_else(|| format!("{f}: expected a number, got {}", v.type_name()))
}

fn len(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Num(match &a[0] {
        Value::Str(s) => s.chars().count() as f64,
        Value::List(l) => l.len() as f64,
        Value::Nil => 0.0,
        v => return Err(format!("len: cannot take the length of a {}", v.type_name())),
    }))
}

fn upper(a: &[Value]) -> Result<Value, String> {
    Ok(s(&a[0], "upper")?.to_uppercase().into())
}

fn lower(a: &[Value]) -> Result<Value, String> {
    Ok(s(&a[0], "lower")?.to_lowercase().into())
}

fn trim(a: &[Value]) -> Result<Value, String> {
    Ok(s(&a[0], "trim")?.trim().into())
}

fn split(a: &[Value]) -> Result<Value, String> {
    let (x, sep) = (s(&a[0], "split")?, s(&a[1], "split")?);
    if sep.is_empty() {
        return Ok(Value::from(x.chars().map(|c| Value::from(c.to_string())).collect::<Vec<_>>()));
    }
    Ok(Value::from(x.split(sep).map(Value::from).collect::<Vec<_>>()))
}

fn join(a: &[Value]) -> Result<Value, String> {
    let list = a[0].as_list().ok_or("join: expected a list")?;
    let sep = s(&a[1], "join")?;
    Ok(list.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(sep).into())
}

fn contains(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Bool(match &a[0] {
        Value::List(l) => l.iter().any(|v| *v == a[1]),
        Value::Str(x) => x.contains(s(&a[1], "contains")?),
        v => return Err(format!("contains: cannot search a {}", v.type_name())),
    }))
}

fn starts_with(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Bool(s(&a[0], "starts_with")?.starts_with(s(&a[1], "starts_with")?)))
}

fn ends_with(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Bool(s(&a[0], "ends_with")?.ends_with(s(&a[1], "ends_with")?)))
}

fn replace(a: &[Value]) -> Result<Value, String> {
    Ok(s(&a[0], "replace")?.replace(s(&a[1], "replace")?, s(&a[2], "replace")?).into())
}

fn numbers<'a>(a: &'a [Value], f: &str) -> Result<Vec<f64>, String> {
    let items: &[Value] = match a {
        [Value::List(l)] => l,
        _ => a,
    };
    items.iter().map(|v| n(v, f)).collect()
}

fn min(a: &[Value]) -> Result<Value, String> {
    let xs = numbers(a, "min")?;
    Ok(xs.into_iter().reduce(f64::min).map(Value::Num).unwrap_or(Value::Nil))
}

fn max(a: &[Value]) -> Result<Value, String> {
    let xs = numbers(a, "max")?;
    Ok(xs.into_iter().reduce(f64::max).map(Value::Num).unwrap_or(Value::Nil))
}

fn abs(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Num(n(&a[0], "abs")?.abs()))
}

fn floor(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Num(n(&a[0], "floor")?.floor()))
}

fn ceil(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Num(n(&a[0], "ceil")?.ceil()))
}

fn round(a: &[Value]) -> Result<Value, String> {
    Ok(Value::Num(n(&a[0], "round")?.round()))
}

fn num(a: &[Value]) -> Result<Value, String> {
    Ok(match &a[0] {
        Value::Num(x) => Value::Num(*x),
        Value::Bool(b) => Value::Num(if *b { 1.0 } else { 0.0 }),
        Value::Str(x) => {
            let t = x.trim().replace('_', "");
            t.parse::<f64>().map(Value::Num).map_err(|_| format!("num: `{x}` is not a number"))?
        }
        Value::Nil => Value::Nil,
        v => return Err(format!("num: cannot convert a {}", v.type_name())),
    })
}

fn str(a: &[Value]) -> Result<Value, String> {
    Ok(a[0].to_string().into())
}

fn type_of(a: &[Value]) -> Result<Value, String> {
    Ok(a[0].type_name().into())
}

fn range(a: &[Value]) -> Result<Value, String> {
    let (lo, hi) = match a {
        [hi] => (0.0, n(hi, "range")?),
        [lo, hi] => (n(lo, "range")?, n(hi, "range")?),
        _ => unreachable!(),
    };
    if hi - lo > 1_000_000.0 {
        return Err("range: too many elements".into());
    }
    let mut out = Vec::new();
    let mut x = lo;
    while x < hi {
        out.push(Value::Num(x));
        x += 1.0;
    }
    Ok(Value::from(out))
}

fn unreachable_hof(_: &[Value]) -> Result<Value, String> {
    Err("internal: higher-order builtin dispatched natively".into())
}

fn env(a: &[Value]) -> Result<Value, String> {
    Ok(std::env::var(s(&a[0], "env")?).map(Value::from).unwrap_or(Value::Nil))
}

/// `cmd(program, args…)`: runs a program without a shell and returns its standard output.
fn cmd(a: &[Value]) -> Result<Value, String> {
    let mut parts = a.iter().map(|v| v.to_string());
    let program = parts.next().unwrap_or_default();
    let out = Command::new(&program)
        .args(parts)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cmd: {program}: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("cmd: {program} failed ({}): {}", out.status, err.trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned().into())
}
