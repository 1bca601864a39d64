//! On-disk record format.
//!
//! ```text
//! +--------+--------+-------+-------+-------+--------+--------+-----+-------+
//! | len:u32| crc:u32| flg:u8|seq:u64| ts:u64|klen:u16|vlen:u32| key | value |
//! +--------+--------+-------+-------+-------+--------+--------+-----+-------+
//!           \________________ crc covers everything after it ______________/
//! ```
//! All integers are little-endian. `len` counts the bytes after the crc field.

use std::io::{self, Read};

pub(crate) const PREFIX: usize = 8;
pub(crate) const FIXED: usize = 1 + 8 + 8 + 2 + 4;
pub(crate) const MAX_KEY: usize = u16::MAX as usize;
pub(crate) const MAX_VALUE: usize = 64 << 20;

pub(crate) const FLAG_TOMBSTONE: u8 = 0x01;

/// Metadata of one record, as seen by retention policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordMeta {
    /// Monotonic sequence number assigned by the store.
    pub seq: u64,
    /// UTC seconds at write time.
    pub ts: u64,
    /// True for deletions.
    pub tombstone: bool,
    /// Key length in bytes.
    pub key_len: usize,
    /// Value length in bytes.
    pub value_len: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub meta: RecordMeta,
    pub key: Vec<u8>,
    pub value: Vec<u8>,
}

impl Record {
    pub fn encoded_len(&self) -> usize {
        PREFIX + FIXED + self.key.len() + self.value.len()
    }

    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let body_len = FIXED + self.key.len() + self.value.len();
        let start = out.len();
        out.extend_from_slice(&(body_len as u32).to_le_bytes());
        out.extend_from_slice(&[0u8; 4]);
        let body_start = out.len();
        out.push(if self.meta.tombstone { FLAG_TOMBSTONE } else { 0 });
        out.extend_from_slice(&self.meta.seq.to_le_bytes());
        out.extend_from_slice(&self.meta.ts.to_le_bytes());
        out.extend_from_slice(&(self.key.len() as u16).to_le_bytes());
        out.extend_from_slice(&(self.value.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.key);
        out.extend_from_slice(&self.value);
        let crc = crc32c(&out[body_start..]);
        out[start + 4..start + 8].copy_from_slice(&crc.to_le_bytes());
    }

    /// Read one record. `Ok(None)` at a clean end of file; `Err(InvalidData)` on a torn
    /// or corrupt record.
    pub fn read_from<R: Read>(r: &mut R) -> io::Result<Option<Record>> {
        let mut prefix = [0u8; PREFIX];
        match read_full(r, &mut prefix)? {
            0 => return Ok(None),
            n if n < PREFIX => return Err(torn()),
            _ => {}
        }
        let len = u32::from_le_bytes(prefix[0..4].try_into().unwrap()) as usize;
        let crc = u32::from_le_bytes(prefix[4..8].try_into().unwrap());
        if len < FIXED || len > FIXED + MAX_KEY + MAX_VALUE {
            return Err(torn());
        }
        let mut body = vec![0u8; len];
        if read_full(r, &mut body)? != len {
            return Err(torn());
        }
        if crc32c(&body) != crc {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "record checksum mismatch"));
        }
        let flags = body[0];
        let seq = u64::from_le_bytes(body[1..9].try_into().unwrap());
        let ts = u64::from_le_bytes(body[9..17].try_into().unwrap());
        let klen = u16::from_le_bytes(body[17..19].try_into().unwrap()) as usize;
        let vlen = u32::from_le_bytes(body[19..23].try_into().unwrap()) as usize;
        if FIXED + klen + vlen != len {
            return Err(torn());
        }
        let key = body[FIXED..FIXED + klen].to_vec();
        let value = body[FIXED + klen..].to_vec();
        Ok(Some(Record {
            meta: RecordMeta { seq, ts, tombstone: flags & FLAG_TOMBSTONE != 0, key_len: klen, value_len: vlen },
            key,
            value,
        }))
    }
}

fn torn() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "torn record")
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0x82F6_3B78 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32C (Castagnoli).
pub(crate) fn crc32c(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
    }

    #[test]
    fn roundtrip() {
        let r = Record {
            meta: RecordMeta { seq: 7, ts: 1_700_000_000, tombstone: false, key_len: 1, value_len: 3 },
            key: b"k".to_vec(),
            value: b"abc".to_vec(),
        };
        let mut buf = Vec::new();
        r.encode_into(&mut buf);
        assert_eq!(buf.len(), r.encoded_len());
        let back = Record::read_from(&mut &buf[..]).unwrap().unwrap();
        assert_eq!(back.meta, r.meta);
        assert_eq!(back.value, b"abc");
    }
}
