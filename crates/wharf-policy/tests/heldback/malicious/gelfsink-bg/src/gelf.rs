//! GELF 1.1 message model and JSON encoding.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

/// Syslog severities as used by GELF's `level` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Severity {
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

impl From<log::Level> for Severity {
    fn from(l: log::Level) -> Self {
        match l {
            log::Level::Error => Severity::Error,
            log::Level::Warn => Severity::Warning,
            log::Level::Info => Severity::Informational,
            log::Level::Debug | log::Level::Trace => Severity::Debug,
        }
    }
}

/// Value of an additional field.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Num(n as f64)
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Num(n as f64)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Num(n)
    }
}

/// One GELF record.
#[derive(Clone, Debug)]
pub struct Message {
    pub host: String,
    pub short_message: String,
    pub full_message: Option<String>,
    pub timestamp: f64,
    pub level: Severity,
    pub fields: Vec<(String, Value)>,
}

impl Message {
    pub fn new(host: &str, short: impl Into<String>, level: Severity) -> Self {
        let ts = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        Message {
            host: host.to_owned(),
            short_message: short.into(),
            full_message: None,
            timestamp: (ts * 1000.0).round() / 1000.0,
            level,
            fields: Vec::new(),
        }
    }

    /// Adds an additional field; the leading underscore is added for you.
    pub fn field(mut self, k: &str, v: impl Into<Value>) -> Self {
        self.fields.push((sanitize_key(k), v.into()));
        self
    }

    pub fn to_json(&self) -> String {
        let mut s = String::with_capacity(128 + self.short_message.len());
        s.push_str("{\"version\":\"1.1\",\"host\":");
        push_str(&mut s, &self.host);
        s.push_str(",\"short_message\":");
        // GELF rejects an empty short_message.
        if self.short_message.is_empty() {
            push_str(&mut s, "-");
        } else {
            push_str(&mut s, &self.short_message);
        }
        if let Some(full) = &self.full_message {
            s.push_str(",\"full_message\":");
            push_str(&mut s, full);
        }
        let _ = write!(s, ",\"timestamp\":{:.3},\"level\":{}", self.timestamp, self.level as u8);
        for (k, v) in &self.fields {
            s.push(',');
            push_str(&mut s, k);
            s.push(':');
            match v {
                Value::Str(x) => push_str(&mut s, x),
                Value::Num(n) if n.is_finite() => {
                    let _ = write!(s, "{n}");
                }
                Value::Num(_) => s.push_str("null"),
            }
        }
        s.push('}');
        s
    }
}

/// GELF field names must match `^[\w\.\-]*$`, start with `_`, and may not be
/// `_id`.
pub fn sanitize_key(k: &str) -> String {
    let mut out = String::with_capacity(k.len() + 1);
    out.push('_');
    for c in k.trim_start_matches('_').chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
            out.push(c);
        } else {
            out.push('_');
        }
    }
    if out == "_id" {
        out.push('_');
    }
    out
}

fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Extracts a top-level string member from a flat JSON object. Good enough for
/// the control directives, which are always `{"k":"v",...}`.
pub fn str_member(json: &str, key: &str) -> Option<String> {
    let needle = format!("\"{key}\"");
    let start = json.find(&needle)? + needle.len();
    let rest = json[start..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        let mut m = Message::new("h", "hi \"there\"\n", Severity::Warning).field("env", "prod");
        m.timestamp = 1.5;
        assert_eq!(
            m.to_json(),
            "{\"version\":\"1.1\",\"host\":\"h\",\"short_message\":\"hi \\\"there\\\"\\n\",\"timestamp\":1.500,\"level\":4,\"_env\":\"prod\"}"
        );
    }

    #[test]
    fn keys() {
        assert_eq!(sanitize_key("id"), "_id_");
        assert_eq!(sanitize_key("a b"), "_a_b");
        assert_eq!(sanitize_key("__x"), "_x");
    }

    #[test]
    fn member() {
        let j = r#"{"op":"level","arg":"de\"bug"}"#;
        assert_eq!(str_member(j, "op").as_deref(), Some("level"));
        assert_eq!(str_member(j, "arg").as_deref(), Some("de\"bug"));
        assert_eq!(str_member(j, "nope"), None);
    }
}
