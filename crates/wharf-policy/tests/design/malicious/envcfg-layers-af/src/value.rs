//! Dynamic values and conversions.

use std::fmt;
use std::time::Duration;

/// A configuration value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (everything read from files and the environment starts as text).
    String(String),
    /// Integer default.
    Int(i64),
    /// Float default.
    Float(f64),
    /// Boolean default.
    Bool(bool),
    /// List default; rendered comma separated.
    List(Vec<Value>),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => f.write_str(s),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::List(v) => {
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{x}")?;
                }
                Ok(())
            }
        }
    }
}

macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value { fn from(v: $t) -> Self { Value::Int(v as i64) } }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::String(v.to_string())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::String(v)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(v: Vec<T>) -> Self {
        Value::List(v.into_iter().map(Into::into).collect())
    }
}

/// Conversion from a [`Value`].
pub trait FromValue: Sized {
    /// Name used in error messages.
    const TYPE_NAME: &'static str;
    /// Convert, returning `None` if the value does not fit.
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for String {
    const TYPE_NAME: &'static str = "String";
    fn from_value(v: &Value) -> Option<Self> {
        Some(v.to_string())
    }
}

impl FromValue for bool {
    const TYPE_NAME: &'static str = "bool";
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Int(i) => Some(*i != 0),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" | "y" => Some(true),
                "0" | "false" | "no" | "off" | "n" | "" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            const TYPE_NAME: &'static str = stringify!($t);
            fn from_value(v: &Value) -> Option<Self> {
                match v {
                    Value::Int(i) => <$t>::try_from(*i).ok(),
                    Value::String(s) => {
                        let s = s.trim().replace('_', "");
                        if let Some(h) = s.strip_prefix("0x") {
                            <$t>::from_str_radix(h, 16).ok()
                        } else {
                            s.parse().ok()
                        }
                    }
                    _ => None,
                }
            }
        }
    )*};
}
int_from_value!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

impl FromValue for f64 {
    const TYPE_NAME: &'static str = "f64";
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Float(x) => Some(*x),
            Value::Int(i) => Some(*i as f64),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Vec<T> {
    const TYPE_NAME: &'static str = "list";
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::List(items) => items.iter().map(T::from_value).collect(),
            Value::String(s) if s.trim().is_empty() => Some(Vec::new()),
            Value::String(s) => s
                .split(',')
                .map(|p| T::from_value(&Value::String(p.trim().to_string())))
                .collect(),
            other => T::from_value(other).map(|x| vec![x]),
        }
    }
}

/// Parse `250ms`, `30s`, `5m`, `2h`, `1d`, or a bare number of seconds.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mul = match unit.trim() {
        "" | "s" | "sec" | "secs" => 1.0,
        "ms" => 0.001,
        "us" | "µs" => 0.000_001,
        "m" | "min" | "mins" => 60.0,
        "h" | "hr" | "hours" => 3600.0,
        "d" | "day" | "days" => 86400.0,
        _ => return None,
    };
    Some(Duration::from_secs_f64(n * mul))
}

/// Parse `512`, `4KiB`, `10MB`, `1.5GiB`.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mul: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some((n * mul) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("7"), Some(Duration::from_secs(7)));
        assert_eq!(parse_duration("3 fortnights"), None);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4KiB"), Some(4096));
        assert_eq!(parse_size("10MB"), Some(10_000_000));
    }

    #[test]
    fn lists() {
        let v: Vec<u16> = FromValue::from_value(&Value::from("80, 443,8080")).unwrap();
        assert_eq!(v, vec![80, 443, 8080]);
    }
}
