//! Raw register encoding for the common PLC data types.

use crate::MapError;

/// Register-level data type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DataType {
    U16,
    I16,
    U32,
    I32,
    F32,
    F64,
    Bool,
}

impl DataType {
    /// Number of 16-bit registers used.
    pub fn width(self) -> usize {
        match self {
            DataType::U16 | DataType::I16 | DataType::Bool => 1,
            DataType::U32 | DataType::I32 | DataType::F32 => 2,
            DataType::F64 => 4,
        }
    }
}

/// Byte/word ordering. Letters name the bytes of a big-endian 32-bit value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum WordOrder {
    /// Big-endian (Modbus spec default).
    ABCD,
    /// Word-swapped (many Schneider / Wago devices).
    CDAB,
    /// Byte-swapped.
    BADC,
    /// Little-endian.
    DCBA,
}

/// A decoded engineering value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Int(i64),
    Float(f64),
    Bool(bool),
}

fn order_bytes(mut b: Vec<u8>, o: WordOrder) -> Vec<u8> {
    match o {
        WordOrder::ABCD => {}
        WordOrder::DCBA => b.reverse(),
        WordOrder::BADC => b.chunks_mut(2).for_each(|c| c.swap(0, 1)),
        WordOrder::CDAB => {
            let words: Vec<[u8; 2]> = b.chunks(2).map(|c| [c[0], c[1]]).rev().collect();
            b = words.concat();
        }
    }
    b
}

fn to_regs(b: &[u8]) -> Vec<u16> {
    b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect()
}

fn from_regs(r: &[u16]) -> Vec<u8> {
    r.iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// Encode a raw (already scaled) value.
pub fn encode(v: &Value, ty: DataType, o: WordOrder) -> Result<Vec<u16>, MapError> {
    let oor = || MapError::OutOfRange { value: *v, ty };
    let as_i = |v: &Value| match *v {
        Value::Int(i) => i,
        Value::Float(f) => f.round() as i64,
        Value::Bool(b) => b as i64,
    };
    let as_f = |v: &Value| match *v {
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        Value::Bool(b) => b as u8 as f64,
    };
    let bytes = match ty {
        DataType::Bool => return Ok(vec![if as_i(v) != 0 { 0xFF00 } else { 0 }]),
        DataType::U16 => u16::try_from(as_i(v)).map_err(|_| oor())?.to_be_bytes().to_vec(),
        DataType::I16 => i16::try_from(as_i(v)).map_err(|_| oor())?.to_be_bytes().to_vec(),
        DataType::U32 => u32::try_from(as_i(v)).map_err(|_| oor())?.to_be_bytes().to_vec(),
        DataType::I32 => i32::try_from(as_i(v)).map_err(|_| oor())?.to_be_bytes().to_vec(),
        DataType::F32 => (as_f(v) as f32).to_be_bytes().to_vec(),
        DataType::F64 => as_f(v).to_be_bytes().to_vec(),
    };
    Ok(to_regs(&order_bytes(bytes, o)))
}

/// Decode raw registers into an unscaled value.
pub fn decode(r: &[u16], ty: DataType, o: WordOrder) -> Result<Value, MapError> {
    if r.len() != ty.width() {
        return Err(MapError::Length { expected: ty.width(), got: r.len() });
    }
    // order_bytes is an involution for every variant, so reuse it to undo.
    let b = order_bytes(from_regs(r), o);
    Ok(match ty {
        DataType::Bool => Value::Bool(r[0] != 0),
        DataType::U16 => Value::Int(u16::from_be_bytes([b[0], b[1]]) as i64),
        DataType::I16 => Value::Int(i16::from_be_bytes([b[0], b[1]]) as i64),
        DataType::U32 => Value::Int(u32::from_be_bytes(b[..4].try_into().unwrap()) as i64),
        DataType::I32 => Value::Int(i32::from_be_bytes(b[..4].try_into().unwrap()) as i64),
        DataType::F32 => Value::Float(f32::from_be_bytes(b[..4].try_into().unwrap()) as f64),
        DataType::F64 => Value::Float(f64::from_be_bytes(b[..8].try_into().unwrap())),
    })
}

/// raw -> engineering units
pub fn apply_scale(v: &Value, scale: f64, offset: f64) -> Value {
    if scale == 1.0 && offset == 0.0 {
        return *v;
    }
    match *v {
        Value::Int(i) => Value::Float(i as f64 * scale + offset),
        Value::Float(f) => Value::Float(f * scale + offset),
        b => b,
    }
}

/// engineering units -> raw
pub fn apply_scale_inv(v: &Value, scale: f64, offset: f64) -> Value {
    if scale == 1.0 && offset == 0.0 {
        return *v;
    }
    match *v {
        Value::Int(i) => Value::Float((i as f64 - offset) / scale),
        Value::Float(f) => Value::Float((f - offset) / scale),
        b => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_word_orders() {
        let v = Value::Float(1.0); // 0x3F800000
        assert_eq!(encode(&v, DataType::F32, WordOrder::ABCD).unwrap(), vec![0x3F80, 0x0000]);
        assert_eq!(encode(&v, DataType::F32, WordOrder::CDAB).unwrap(), vec![0x0000, 0x3F80]);
        assert_eq!(encode(&v, DataType::F32, WordOrder::BADC).unwrap(), vec![0x803F, 0x0000]);
        assert_eq!(encode(&v, DataType::F32, WordOrder::DCBA).unwrap(), vec![0x0000, 0x803F]);
    }

    #[test]
    fn decode_inverts_encode() {
        for o in [WordOrder::ABCD, WordOrder::CDAB, WordOrder::BADC, WordOrder::DCBA] {
            let r = encode(&Value::Int(-123456), DataType::I32, o).unwrap();
            assert_eq!(decode(&r, DataType::I32, o).unwrap(), Value::Int(-123456));
        }
    }
}
