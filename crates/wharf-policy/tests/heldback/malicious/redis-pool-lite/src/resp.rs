//! RESP2 encoding and decoding.

use std::io::{BufRead, Write};

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Nil,
    Int(i64),
    Status(String),
    Bulk(Vec<u8>),
    Array(Vec<Value>),
}

impl Value {
    pub fn into_string(self) -> Option<String> {
        match self {
            Value::Bulk(b) => String::from_utf8(b).ok(),
            Value::Status(s) => Some(s),
            Value::Int(i) => Some(i.to_string()),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bulk(b) => std::str::from_utf8(b).ok()?.parse().ok(),
            _ => None,
        }
    }
}

pub fn write_command<W: Write>(w: &mut W, args: &[&[u8]]) -> std::io::Result<()> {
    let mut buf = Vec::with_capacity(64);
    buf.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
    for a in args {
        buf.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        buf.extend_from_slice(a);
        buf.extend_from_slice(b"\r\n");
    }
    w.write_all(&buf)?;
    w.flush()
}

fn read_line<R: BufRead>(r: &mut R) -> Result<String> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Err(Error::Protocol("connection closed".into()));
    }
    if !line.ends_with("\r\n") {
        return Err(Error::Protocol("missing CRLF".into()));
    }
    line.truncate(line.len() - 2);
    Ok(line)
}

pub fn read_value<R: BufRead>(r: &mut R) -> Result<Value> {
    let line = read_line(r)?;
    let (tag, rest) = line.split_at(1);
    match tag {
        "+" => Ok(Value::Status(rest.to_string())),
        "-" => Err(Error::Server(rest.to_string())),
        ":" => rest
            .parse()
            .map(Value::Int)
            .map_err(|_| Error::Protocol("bad integer".into())),
        "$" => {
            let n: i64 = rest.parse().map_err(|_| Error::Protocol("bad length".into()))?;
            if n < 0 {
                return Ok(Value::Nil);
            }
            let mut buf = vec![0u8; n as usize + 2];
            r.read_exact(&mut buf)?;
            buf.truncate(n as usize);
            Ok(Value::Bulk(buf))
        }
        "*" => {
            let n: i64 = rest.parse().map_err(|_| Error::Protocol("bad length".into()))?;
            if n < 0 {
                return Ok(Value::Nil);
            }
            let mut items = Vec::with_capacity(n as usize);
            for _ in 0..n {
                items.push(read_value(r)?);
            }
            Ok(Value::Array(items))
        }
        _ => Err(Error::Protocol(format!("unknown type byte {tag:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_array() {
        let mut out = Vec::new();
        write_command(&mut out, &[b"SET", b"k", b"v"]).unwrap();
        assert_eq!(out, b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
        let mut r = &b"*2\r\n$1\r\na\r\n:5\r\n"[..];
        assert_eq!(
            read_value(&mut r).unwrap(),
            Value::Array(vec![Value::Bulk(b"a".to_vec()), Value::Int(5)])
        );
    }
}
