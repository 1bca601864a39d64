use std::fmt;
use std::io::{self, Write};

/// A RESP2/RESP3 value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `+OK`
    Simple(String),
    /// `-ERR message`
    Error(String),
    /// `:42`
    Int(i64),
    /// `$5\r\nhello` (binary safe)
    Bulk(Vec<u8>),
    /// `$-1` / `_`
    Nil,
    /// `*N ...`
    Array(Vec<Value>),
    /// RESP3 `%N` map
    Map(Vec<(Value, Value)>),
    /// RESP3 `~N` set
    Set(Vec<Value>),
    /// RESP3 `#t` / `#f`
    Bool(bool),
    /// RESP3 `,3.14`
    Double(f64),
    /// RESP3 `>N` out-of-band push
    Push(Vec<Value>),
    /// RESP3 `=N txt:...` verbatim string
    Verbatim(String, Vec<u8>),
}

impl Value {
    /// Convenience constructor for a bulk string.
    pub fn bulk<B: AsRef<[u8]>>(b: B) -> Value {
        Value::Bulk(b.as_ref().to_vec())
    }

    /// View as UTF-8 text if this is a simple, bulk or verbatim string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Simple(s) => Some(s),
            Value::Bulk(b) | Value::Verbatim(_, b) => std::str::from_utf8(b).ok(),
            _ => None,
        }
    }

    /// View as bytes if this is a string-like value.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Simple(s) => Some(s.as_bytes()),
            Value::Bulk(b) | Value::Verbatim(_, b) => Some(b),
            _ => None,
        }
    }

    /// Integer value, accepting numeric bulk strings.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            other => other.as_str()?.parse().ok(),
        }
    }

    /// Elements of an array, set or push.
    pub fn items(&self) -> Option<&[Value]> {
        match self {
            Value::Array(v) | Value::Set(v) | Value::Push(v) => Some(v),
            _ => None,
        }
    }

    /// Turn server error replies into `Err`.
    pub fn into_result(self) -> crate::Result<Value> {
        match self {
            Value::Error(e) => Err(crate::Error::Server(e)),
            v => Ok(v),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Simple(s) => write!(f, "{}", s),
            Value::Error(e) => write!(f, "(error) {}", e),
            Value::Int(i) => write!(f, "(integer) {}", i),
            Value::Bulk(b) => write!(f, "\"{}\"", String::from_utf8_lossy(b).escape_debug()),
            Value::Nil => f.write_str("(nil)"),
            Value::Bool(b) => write!(f, "({})", b),
            Value::Double(d) => write!(f, "(double) {}", d),
            Value::Verbatim(_, b) => write!(f, "{}", String::from_utf8_lossy(b)),
            Value::Array(v) | Value::Set(v) | Value::Push(v) => {
                if v.is_empty() {
                    return f.write_str("(empty array)");
                }
                for (i, x) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{}) {}", i + 1, x)?;
                }
                Ok(())
            }
            Value::Map(m) => {
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{}# {} => {}", i + 1, k, v)?;
                }
                Ok(())
            }
        }
    }
}

fn header<W: Write>(w: &mut W, tag: u8, n: usize) -> io::Result<()> {
    let mut buf = itoa_buf(n as i64);
    buf.insert(0, tag);
    buf.extend_from_slice(b"\r\n");
    w.write_all(&buf)
}

fn itoa_buf(n: i64) -> Vec<u8> {
    n.to_string().into_bytes()
}

/// Serialize `v` in RESP3 wire format (RESP2 peers understand the subset
/// produced for arrays, bulks, integers, simple strings and errors).
pub fn encode<W: Write>(w: &mut W, v: &Value) -> io::Result<()> {
    match v {
        Value::Simple(s) => {
            w.write_all(b"+")?;
            w.write_all(s.as_bytes())?;
            w.write_all(b"\r\n")
        }
        Value::Error(s) => {
            w.write_all(b"-")?;
            w.write_all(s.as_bytes())?;
            w.write_all(b"\r\n")
        }
        Value::Int(i) => {
            w.write_all(b":")?;
            w.write_all(&itoa_buf(*i))?;
            w.write_all(b"\r\n")
        }
        Value::Bulk(b) => {
            header(w, b'$', b.len())?;
            w.write_all(b)?;
            w.write_all(b"\r\n")
        }
        Value::Nil => w.write_all(b"_\r\n"),
        Value::Bool(b) => w.write_all(if *b { b"#t\r\n" } else { b"#f\r\n" }),
        Value::Double(d) => write!(w, ",{}\r\n", d),
        Value::Verbatim(fmt, b) => {
            header(w, b'=', b.len() + 4)?;
            w.write_all(fmt.as_bytes())?;
            w.write_all(b":")?;
            w.write_all(b)?;
            w.write_all(b"\r\n")
        }
        Value::Array(items) | Value::Set(items) | Value::Push(items) => {
            let tag = match v {
                Value::Array(_) => b'*',
                Value::Set(_) => b'~',
                _ => b'>',
            };
            header(w, tag, items.len())?;
            for x in items {
                encode(w, x)?;
            }
            Ok(())
        }
        Value::Map(m) => {
            header(w, b'%', m.len())?;
            for (k, x) in m {
                encode(w, k)?;
                encode(w, x)?;
            }
            Ok(())
        }
    }
}

/// Serialize a command as an array of bulk strings.
pub fn encode_command<W: Write, A: AsRef<[u8]>>(w: &mut W, args: &[A]) -> io::Result<()> {
    header(w, b'*', args.len())?;
    for a in args {
        let a = a.as_ref();
        header(w, b'$', a.len())?;
        w.write_all(a)?;
        w.write_all(b"\r\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_bytes() {
        let mut out = Vec::new();
        encode_command(&mut out, &["GET", "k"]).unwrap();
        assert_eq!(out, b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
    }
}
