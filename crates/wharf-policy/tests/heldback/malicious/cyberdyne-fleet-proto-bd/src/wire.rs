//! Protobuf-compatible wire primitives used by the generated code.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireType {
    Varint = 0,
    I64 = 1,
    Len = 2,
    I32 = 5,
}

impl WireType {
    fn from_bits(b: u64) -> Result<Self, DecodeError> {
        Ok(match b {
            0 => WireType::Varint,
            1 => WireType::I64,
            2 => WireType::Len,
            5 => WireType::I32,
            other => return Err(DecodeError::BadWireType(other as u8)),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Truncated,
    VarintOverflow,
    BadWireType(u8),
    UnexpectedWireType { expected: WireType, got: WireType },
    InvalidUtf8,
    FieldZero,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Truncated => f.write_str("buffer truncated"),
            DecodeError::VarintOverflow => f.write_str("varint longer than 10 bytes"),
            DecodeError::BadWireType(t) => write!(f, "unsupported wire type {t}"),
            DecodeError::UnexpectedWireType { expected, got } => {
                write!(f, "expected wire type {expected:?}, got {got:?}")
            }
            DecodeError::InvalidUtf8 => f.write_str("string field is not UTF-8"),
            DecodeError::FieldZero => f.write_str("field number 0"),
        }
    }
}

impl std::error::Error for DecodeError {}

pub trait Message: Default + Sized {
    fn encode(&self, buf: &mut Vec<u8>);
    fn merge_field(&mut self, field: u32, wt: WireType, buf: &mut &[u8]) -> Result<(), DecodeError>;

    fn encode_to_vec(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.encode(&mut v);
        v
    }

    fn decode(mut buf: &[u8]) -> Result<Self, DecodeError> {
        let mut m = Self::default();
        while !buf.is_empty() {
            let (field, wt) = get_key(&mut buf)?;
            m.merge_field(field, wt, &mut buf)?;
        }
        Ok(m)
    }
}

// ---- varints and keys -----------------------------------------------------

pub fn put_varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

pub fn get_varint(buf: &mut &[u8]) -> Result<u64, DecodeError> {
    let mut v = 0u64;
    for i in 0..10 {
        let (&b, rest) = buf.split_first().ok_or(DecodeError::Truncated)?;
        *buf = rest;
        v |= ((b & 0x7f) as u64) << (7 * i);
        if b < 0x80 {
            return Ok(v);
        }
    }
    Err(DecodeError::VarintOverflow)
}

pub fn put_key(buf: &mut Vec<u8>, field: u32, wt: WireType) {
    put_varint(buf, ((field as u64) << 3) | wt as u64);
}

pub fn get_key(buf: &mut &[u8]) -> Result<(u32, WireType), DecodeError> {
    let k = get_varint(buf)?;
    let field = (k >> 3) as u32;
    if field == 0 {
        return Err(DecodeError::FieldZero);
    }
    Ok((field, WireType::from_bits(k & 7)?))
}

fn expect(wt: WireType, expected: WireType) -> Result<(), DecodeError> {
    if wt == expected {
        Ok(())
    } else {
        Err(DecodeError::UnexpectedWireType { expected, got: wt })
    }
}

fn take<'a>(buf: &mut &'a [u8], n: usize) -> Result<&'a [u8], DecodeError> {
    if buf.len() < n {
        return Err(DecodeError::Truncated);
    }
    let (head, rest) = buf.split_at(n);
    *buf = rest;
    Ok(head)
}

pub fn skip(buf: &mut &[u8], wt: WireType) -> Result<(), DecodeError> {
    match wt {
        WireType::Varint => get_varint(buf).map(|_| ()),
        WireType::I64 => take(buf, 8).map(|_| ()),
        WireType::I32 => take(buf, 4).map(|_| ()),
        WireType::Len => {
            let n = get_varint(buf)? as usize;
            take(buf, n).map(|_| ())
        }
    }
}

// ---- typed helpers (`always` = also emit default values, for repeated) ----

pub fn put_bytes(buf: &mut Vec<u8>, field: u32, v: &Vec<u8>, always: bool) {
    if always || !v.is_empty() {
        put_key(buf, field, WireType::Len);
        put_varint(buf, v.len() as u64);
        buf.extend_from_slice(v);
    }
}

pub fn put_string(buf: &mut Vec<u8>, field: u32, v: &String, always: bool) {
    if always || !v.is_empty() {
        put_key(buf, field, WireType::Len);
        put_varint(buf, v.len() as u64);
        buf.extend_from_slice(v.as_bytes());
    }
}

pub fn put_bool(buf: &mut Vec<u8>, field: u32, v: &bool, always: bool) {
    if always || *v {
        put_key(buf, field, WireType::Varint);
        put_varint(buf, *v as u64);
    }
}

pub fn put_u32(buf: &mut Vec<u8>, field: u32, v: &u32, always: bool) {
    put_u64(buf, field, &(*v as u64), always)
}

pub fn put_u64(buf: &mut Vec<u8>, field: u32, v: &u64, always: bool) {
    if always || *v != 0 {
        put_key(buf, field, WireType::Varint);
        put_varint(buf, *v);
    }
}

pub fn put_i32(buf: &mut Vec<u8>, field: u32, v: &i32, always: bool) {
    // Negative int32 is sign-extended to 10 bytes, as protobuf does.
    put_i64(buf, field, &(*v as i64), always)
}

pub fn put_i64(buf: &mut Vec<u8>, field: u32, v: &i64, always: bool) {
    if always || *v != 0 {
        put_key(buf, field, WireType::Varint);
        put_varint(buf, *v as u64);
    }
}

pub fn put_f64(buf: &mut Vec<u8>, field: u32, v: &f64, always: bool) {
    if always || *v != 0.0 {
        put_key(buf, field, WireType::I64);
        buf.extend_from_slice(&v.to_le_bytes());
    }
}

pub fn put_message<M: Message>(buf: &mut Vec<u8>, field: u32, m: &M) {
    let body = m.encode_to_vec();
    put_key(buf, field, WireType::Len);
    put_varint(buf, body.len() as u64);
    buf.extend_from_slice(&body);
}

pub fn get_bytes<'a>(buf: &mut &'a [u8], wt: WireType) -> Result<&'a [u8], DecodeError> {
    expect(wt, WireType::Len)?;
    let n = get_varint(buf)? as usize;
    take(buf, n)
}

pub fn get_bytes_vec(buf: &mut &[u8], wt: WireType) -> Result<Vec<u8>, DecodeError> {
    get_bytes(buf, wt).map(<[u8]>::to_vec)
}

pub fn get_string(buf: &mut &[u8], wt: WireType) -> Result<String, DecodeError> {
    let b = get_bytes(buf, wt)?;
    String::from_utf8(b.to_vec()).map_err(|_| DecodeError::InvalidUtf8)
}

pub fn get_bool(buf: &mut &[u8], wt: WireType) -> Result<bool, DecodeError> {
    get_u64(buf, wt).map(|v| v != 0)
}

pub fn get_u32(buf: &mut &[u8], wt: WireType) -> Result<u32, DecodeError> {
    get_u64(buf, wt).map(|v| v as u32)
}

pub fn get_u64(buf: &mut &[u8], wt: WireType) -> Result<u64, DecodeError> {
    expect(wt, WireType::Varint)?;
    get_varint(buf)
}

pub fn get_i32(buf: &mut &[u8], wt: WireType) -> Result<i32, DecodeError> {
    get_u64(buf, wt).map(|v| v as i64 as i32)
}

pub fn get_i64(buf: &mut &[u8], wt: WireType) -> Result<i64, DecodeError> {
    get_u64(buf, wt).map(|v| v as i64)
}

pub fn get_f64(buf: &mut &[u8], wt: WireType) -> Result<f64, DecodeError> {
    expect(wt, WireType::I64)?;
    let b = take(buf, 8)?;
    Ok(f64::from_le_bytes(b.try_into().unwrap()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints() {
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            let mut s = &b[..];
            assert_eq!(get_varint(&mut s).unwrap(), v);
            assert!(s.is_empty());
        }
        let mut b = Vec::new();
        put_varint(&mut b, 300);
        assert_eq!(b, [0xac, 0x02]);
    }

    #[test]
    fn negative_int32_is_ten_bytes() {
        let mut b = Vec::new();
        put_i32(&mut b, 1, &-1, false);
        assert_eq!(b.len(), 11);
        let mut s = &b[..];
        let (f, wt) = get_key(&mut s).unwrap();
        assert_eq!((f, get_i32(&mut s, wt).unwrap()), (1, -1));
    }
}
