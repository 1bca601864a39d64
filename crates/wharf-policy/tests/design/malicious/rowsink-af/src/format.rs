//! Encoders.

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with CRLF line endings.
    Csv,
    /// Tab separated, tabs/newlines in fields escaped as `\t` / `\n`.
    Tsv,
    /// One JSON object (with header) or array (without) per line.
    Ndjson,
}

impl Format {
    /// Conventional file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Ndjson => "ndjson",
        }
    }
}

pub(crate) fn encode_csv<S: AsRef<str>>(buf: &mut Vec<u8>, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        let f = f.as_ref();
        let needs = f.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) || f.starts_with(' ') || f.ends_with(' ');
        if needs {
            buf.push(b'"');
            for b in f.bytes() {
                if b == b'"' {
                    buf.push(b'"');
                }
                buf.push(b);
            }
            buf.push(b'"');
        } else {
            buf.extend_from_slice(f.as_bytes());
        }
    }
    buf.extend_from_slice(b"\r\n");
}

pub(crate) fn encode_tsv<S: AsRef<str>>(buf: &mut Vec<u8>, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            buf.push(b'\t');
        }
        for b in f.as_ref().bytes() {
            match b {
                b'\t' => buf.extend_from_slice(b"\\t"),
                b'\n' => buf.extend_from_slice(b"\\n"),
                b'\r' => buf.extend_from_slice(b"\\r"),
                b'\\' => buf.extend_from_slice(b"\\\\"),
                o => buf.push(o),
            }
        }
    }
    buf.push(b'\n');
}

fn json_str(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    for c in s.chars() {
        match c {
            '"' => buf.extend_from_slice(b"\\\""),
            '\\' => buf.extend_from_slice(b"\\\\"),
            '\n' => buf.extend_from_slice(b"\\n"),
            '\r' => buf.extend_from_slice(b"\\r"),
            '\t' => buf.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => buf.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c => {
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
    buf.push(b'"');
}

fn looks_numeric(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    !t.is_empty()
        && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && t.bytes().filter(|&b| b == b'.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.')
        && !(t.len() > 1 && t.starts_with('0') && !t.starts_with("0."))
}

fn json_value(buf: &mut Vec<u8>, s: &str) {
    if looks_numeric(s) || s == "true" || s == "false" || s == "null" {
        buf.extend_from_slice(s.as_bytes());
    } else {
        json_str(buf, s);
    }
}

pub(crate) fn encode_ndjson<S: AsRef<str>>(buf: &mut Vec<u8>, header: Option<&[String]>, fields: &[S]) {
    match header {
        Some(h) => {
            buf.push(b'{');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                let key = h.get(i).cloned().unwrap_or_else(|| format!("_{i}"));
                json_str(buf, &key);
                buf.push(b':');
                json_value(buf, f.as_ref());
            }
            buf.push(b'}');
        }
        None => {
            buf.push(b'[');
            for (i, f) in fields.iter().enumerate() {
                if i > 0 {
                    buf.push(b',');
                }
                json_value(buf, f.as_ref());
            }
            buf.push(b']');
        }
    }
    buf.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_detection() {
        assert!(looks_numeric("12.50"));
        assert!(looks_numeric("-3"));
        assert!(!looks_numeric("007"));
        assert!(!looks_numeric("1.2.3"));
    }

    #[test]
    fn tsv_escapes() {
        let mut b = Vec::new();
        encode_tsv(&mut b, &["a\tb", "c"]);
        assert_eq!(b, b"a\\tb\tc\n");
    }
}
