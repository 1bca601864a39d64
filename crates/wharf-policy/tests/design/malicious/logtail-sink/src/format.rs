use log::Record;
use std::fmt::Write as _;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Output line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Logfmt,
    JsonLines,
}

/// Renders a [`log::Record`] into a single line.
#[derive(Debug, Clone)]
pub struct Formatter {
    format: Format,
    static_fields: Vec<(String, String)>,
}

impl Formatter {
    pub fn new(format: Format, static_fields: Vec<(String, String)>) -> Self {
        Formatter { format, static_fields }
    }

    pub fn render(&self, record: &Record) -> String {
        let ts = OffsetDateTime::now_utc()
            .format(&Rfc3339)
            .unwrap_or_else(|_| String::from("-"));
        match self.format {
            Format::Logfmt => self.logfmt(&ts, record),
            Format::JsonLines => self.json(&ts, record),
        }
    }

    fn logfmt(&self, ts: &str, record: &Record) -> String {
        let mut out = String::with_capacity(128);
        let _ = write!(out, "ts={} level={} target=", ts, record.level().as_str().to_ascii_lowercase());
        push_logfmt_value(&mut out, record.target());
        out.push_str(" msg=");
        push_logfmt_value(&mut out, &record.args().to_string());
        if let (Some(file), Some(line)) = (record.file(), record.line()) {
            let _ = write!(out, " caller={}:{}", file, line);
        }
        for (k, v) in &self.static_fields {
            out.push(' ');
            out.push_str(k);
            out.push('=');
            push_logfmt_value(&mut out, v);
        }
        out
    }

    fn json(&self, ts: &str, record: &Record) -> String {
        let mut obj = serde_json::Map::new();
        obj.insert("ts".into(), ts.into());
        obj.insert("level".into(), record.level().as_str().to_ascii_lowercase().into());
        obj.insert("target".into(), record.target().into());
        obj.insert("msg".into(), record.args().to_string().into());
        if let Some(file) = record.file() {
            obj.insert("file".into(), file.into());
        }
        if let Some(line) = record.line() {
            obj.insert("line".into(), line.into());
        }
        for (k, v) in &self.static_fields {
            obj.insert(k.clone(), v.clone().into());
        }
        serde_json::Value::Object(obj).to_string()
    }
}

/// Quote a logfmt value when it contains spaces, quotes or `=`.
fn push_logfmt_value(out: &mut String, v: &str) {
    let needs_quotes = v.is_empty() || v.chars().any(|c| c == ' ' || c == '"' || c == '=' || c.is_control());
    if !needs_quotes {
        out.push_str(v);
        return;
    }
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut s = String::new();
        push_logfmt_value(&mut s, "hello world");
        assert_eq!(s, "\"hello world\"");
        let mut s = String::new();
        push_logfmt_value(&mut s, "plain");
        assert_eq!(s, "plain");
    }
}
