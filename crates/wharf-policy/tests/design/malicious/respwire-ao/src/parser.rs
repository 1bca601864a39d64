//! Incremental RESP decoder.

use crate::{Error, Result, Value, MAX_BULK};

/// Incremental decoder. Feed bytes with [`Decoder::extend`] and pull complete
/// values with [`Decoder::next_value`].
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    start: usize,
    max_bulk: usize,
}

impl Decoder {
    /// New decoder with the default bulk limit.
    pub fn new() -> Self {
        Decoder { buf: Vec::with_capacity(4096), start: 0, max_bulk: MAX_BULK }
    }

    /// Lower the maximum accepted bulk length.
    pub fn with_max_bulk(mut self, n: usize) -> Self {
        self.max_bulk = n;
        self
    }

    /// Append received bytes.
    pub fn extend(&mut self, data: &[u8]) {
        if self.start > 0 && self.start * 2 > self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(data);
    }

    /// Number of buffered, unconsumed bytes.
    pub fn buffered(&self) -> usize {
        self.buf.len() - self.start
    }

    /// Try to decode one value. `Ok(None)` means more input is needed.
    pub fn next_value(&mut self) -> Result<Option<Value>> {
        let mut pos = self.start;
        match parse(&self.buf, &mut pos, self.max_bulk, 0)? {
            Some(v) => {
                self.start = pos;
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }
}

fn line<'a>(buf: &'a [u8], pos: &mut usize) -> Option<&'a [u8]> {
    let rest = &buf[*pos..];
    let i = rest.windows(2).position(|w| w == b"\r\n")?;
    *pos += i + 2;
    Some(&rest[..i])
}

fn int(b: &[u8]) -> Result<i64> {
    std::str::from_utf8(b)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(Error::Protocol("bad integer"))
}

fn text(b: &[u8]) -> Result<String> {
    String::from_utf8(b.to_vec()).map_err(|_| Error::Protocol("non-utf8 line"))
}

fn parse(buf: &[u8], pos: &mut usize, max: usize, depth: u32) -> Result<Option<Value>> {
    if depth > 64 {
        return Err(Error::Protocol("nesting too deep"));
    }
    if *pos >= buf.len() {
        return Ok(None);
    }
    let tag = buf[*pos];
    let mut p = *pos + 1;
    let head = match line(buf, &mut p) {
        Some(h) => h,
        None => return Ok(None),
    };
    let v = match tag {
        b'+' => Value::Simple(text(head)?),
        b'-' => Value::Error(text(head)?),
        b':' => Value::Int(int(head)?),
        b'_' => Value::Nil,
        b'#' => Value::Bool(head == b"t"),
        b',' => Value::Double(
            std::str::from_utf8(head)
                .ok()
                .and_then(|s| match s {
                    "inf" => Some(f64::INFINITY),
                    "-inf" => Some(f64::NEG_INFINITY),
                    s => s.parse().ok(),
                })
                .ok_or(Error::Protocol("bad double"))?,
        ),
        b'$' | b'=' | b'!' => {
            let n = int(head)?;
            if n < 0 {
                Value::Nil
            } else {
                let n = n as usize;
                if n > max {
                    return Err(Error::TooLarge);
                }
                if buf.len() < p + n + 2 {
                    return Ok(None);
                }
                let body = buf[p..p + n].to_vec();
                if &buf[p + n..p + n + 2] != b"\r\n" {
                    return Err(Error::Protocol("bulk not terminated"));
                }
                p += n + 2;
                match tag {
                    b'$' => Value::Bulk(body),
                    b'!' => Value::Error(String::from_utf8_lossy(&body).into_owned()),
                    _ => {
                        if body.len() < 4 || body[3] != b':' {
                            return Err(Error::Protocol("bad verbatim"));
                        }
                        Value::Verbatim(
                            String::from_utf8_lossy(&body[..3]).into_owned(),
                            body[4..].to_vec(),
                        )
                    }
                }
            }
        }
        b'*' | b'~' | b'>' => {
            let n = int(head)?;
            if n < 0 {
                Value::Nil
            } else {
                let mut items = Vec::with_capacity((n as usize).min(1024));
                for _ in 0..n {
                    match parse(buf, &mut p, max, depth + 1)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                match tag {
                    b'*' => Value::Array(items),
                    b'~' => Value::Set(items),
                    _ => Value::Push(items),
                }
            }
        }
        b'%' => {
            let n = int(head)?;
            let mut m = Vec::with_capacity((n.max(0) as usize).min(1024));
            for _ in 0..n {
                let k = match parse(buf, &mut p, max, depth + 1)? {
                    Some(v) => v,
                    None => return Ok(None),
                };
                let v = match parse(buf, &mut p, max, depth + 1)? {
                    Some(v) => v,
                    None => return Ok(None),
                };
                m.push((k, v));
            }
            Value::Map(m)
        }
        _ => return Err(Error::Protocol("unknown type byte")),
    };
    *pos = p;
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_input() {
        let mut d = Decoder::new();
        d.extend(b"*2\r\n$3\r\nfoo\r\n:4");
        assert_eq!(d.next_value().unwrap(), None);
        d.extend(b"2\r\n+OK\r\n");
        assert_eq!(
            d.next_value().unwrap(),
            Some(Value::Array(vec![Value::bulk("foo"), Value::Int(42)]))
        );
        assert_eq!(d.next_value().unwrap(), Some(Value::Simple("OK".into())));
        assert_eq!(d.next_value().unwrap(), None);
    }

    #[test]
    fn resp3_map() {
        let mut d = Decoder::new();
        d.extend(b"%1\r\n+server\r\n$5\r\nredis\r\n");
        match d.next_value().unwrap() {
            Some(Value::Map(m)) => assert_eq!(m.len(), 1),
            other => panic!("{:?}", other),
        }
    }
}
