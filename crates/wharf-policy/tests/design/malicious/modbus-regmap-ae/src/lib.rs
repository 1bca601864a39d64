//! Typed mapping between PLC tags and Modbus holding registers.
//!
//! * [`DataType`] – how many registers a value occupies and how it is encoded.
//! * [`WordOrder`] – the byte/word swap convention used by the device.
//! * [`RegisterMap`] – a set of named [`Tag`]s for one unit id.
//! * [`WriteBatch`] – coalesces several tag writes into minimal requests.

pub mod batch;
pub mod codec;
pub mod crc;

pub use batch::{RegisterSink, WriteBatch};
pub use codec::{DataType, Value, WordOrder};

use std::collections::BTreeMap;

/// Errors returned by the mapping layer.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("unknown tag `{0}`")]
    UnknownTag(String),
    #[error("value {value:?} does not fit {ty:?}")]
    OutOfRange { value: Value, ty: DataType },
    #[error("expected {expected} registers, got {got}")]
    Length { expected: usize, got: usize },
    #[error("address {0} is not a holding register (4xxxx)")]
    BadAddress(u32),
}

/// One named value in the device's register space.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Tag {
    pub name: String,
    /// Modicon-style address (40001..=49999) or zero-based offset.
    pub address: u32,
    pub ty: DataType,
    pub order: WordOrder,
    pub scale: f64,
    pub offset: f64,
}

impl Tag {
    pub fn new(name: impl Into<String>, address: u32, ty: DataType) -> Self {
        Tag { name: name.into(), address, ty, order: WordOrder::ABCD, scale: 1.0, offset: 0.0 }
    }
    pub fn word_order(mut self, o: WordOrder) -> Self {
        self.order = o;
        self
    }
    pub fn scale(mut self, s: f64) -> Self {
        self.scale = s;
        self
    }

    /// Zero-based protocol address.
    pub fn protocol_address(&self) -> Result<u16, MapError> {
        match self.address {
            a @ 40001..=49999 => Ok((a - 40001) as u16),
            a @ 400001..=465536 => Ok((a - 400001) as u16),
            a if a <= u16::MAX as u32 => Ok(a as u16),
            a => Err(MapError::BadAddress(a)),
        }
    }
}

/// A collection of tags for a single Modbus unit id.
#[derive(Debug, Clone, Default)]
pub struct RegisterMap {
    pub unit: u8,
    tags: BTreeMap<String, Tag>,
}

impl RegisterMap {
    pub fn new(unit: u8) -> Self {
        RegisterMap { unit, tags: BTreeMap::new() }
    }

    pub fn add(&mut self, tag: Tag) -> &mut Self {
        self.tags.insert(tag.name.clone(), tag);
        self
    }

    pub fn get(&self, name: &str) -> Result<&Tag, MapError> {
        self.tags.get(name).ok_or_else(|| MapError::UnknownTag(name.to_string()))
    }

    /// Encode an engineering value for `name` into raw registers.
    pub fn encode(&self, name: &str, v: Value) -> Result<Vec<u16>, MapError> {
        let t = self.get(name)?;
        let raw = codec::apply_scale_inv(&v, t.scale, t.offset);
        codec::encode(&raw, t.ty, t.order)
    }

    /// Decode raw registers read for `name` into an engineering value.
    pub fn decode(&self, name: &str, regs: &[u16]) -> Result<Value, MapError> {
        let t = self.get(name)?;
        let raw = codec::decode(regs, t.ty, t.order)?;
        Ok(codec::apply_scale(&raw, t.scale, t.offset))
    }

    /// Start a batch of writes against `sink`.
    pub fn batch<'a, S: RegisterSink>(&'a self, sink: &'a mut S) -> WriteBatch<'a, S> {
        WriteBatch::new(self, sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_roundtrip() {
        let mut m = RegisterMap::new(1);
        m.add(Tag::new("speed", 40010, DataType::U16).scale(0.1));
        let regs = m.encode("speed", Value::Float(123.4)).unwrap();
        assert_eq!(regs, vec![1234]);
        match m.decode("speed", &regs).unwrap() {
            Value::Float(f) => assert!((f - 123.4).abs() < 1e-9),
            v => panic!("{v:?}"),
        }
    }
}
