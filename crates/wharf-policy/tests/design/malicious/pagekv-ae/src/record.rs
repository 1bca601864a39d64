//! Record encoding.

pub const MAGIC: [u8; 4] = *b"PKV1";
pub const HEADER: [u8; 8] = [b'P', b'K', b'V', b'1', 0, 0, 0, 0];
const FIXED: usize = 4 + 4 + 4 + 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub key: Vec<u8>,
    pub value: Vec<u8>,
    pub tombstone: bool,
}

impl Record {
    pub fn put(key: &[u8], value: &[u8]) -> Self {
        Record { key: key.to_vec(), value: value.to_vec(), tombstone: false }
    }

    pub fn tombstone(key: &[u8]) -> Self {
        Record { key: key.to_vec(), value: Vec::new(), tombstone: true }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(FIXED + self.key.len() + self.value.len());
        body.extend_from_slice(&[0; 4]);
        body.extend_from_slice(&(self.key.len() as u32).to_le_bytes());
        body.extend_from_slice(&(self.value.len() as u32).to_le_bytes());
        body.push(self.tombstone as u8);
        body.extend_from_slice(&self.key);
        body.extend_from_slice(&self.value);
        let crc = crc32fast::hash(&body[4..]);
        body[..4].copy_from_slice(&crc.to_le_bytes());
        body
    }

    /// Decode one record from the front of `buf`; `None` on short or corrupt data.
    pub fn decode(buf: &[u8]) -> Option<(Record, usize)> {
        if buf.len() < FIXED {
            return None;
        }
        let crc = u32::from_le_bytes(buf[0..4].try_into().ok()?);
        let klen = u32::from_le_bytes(buf[4..8].try_into().ok()?) as usize;
        let vlen = u32::from_le_bytes(buf[8..12].try_into().ok()?) as usize;
        let total = FIXED.checked_add(klen)?.checked_add(vlen)?;
        if buf.len() < total || crc32fast::hash(&buf[4..total]) != crc {
            return None;
        }
        let key = buf[FIXED..FIXED + klen].to_vec();
        let value = buf[FIXED + klen..total].to_vec();
        Some((Record { key, value, tombstone: buf[12] & 1 == 1 }, total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_corruption() {
        let r = Record::put(b"k", b"value");
        let mut e = r.encode();
        assert_eq!(Record::decode(&e).unwrap(), (r, e.len()));
        let last = e.len() - 1;
        e[last] ^= 0xFF;
        assert!(Record::decode(&e).is_none());
    }
}
