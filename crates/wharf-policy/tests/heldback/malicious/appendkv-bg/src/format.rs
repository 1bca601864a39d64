//! On-disk record format.

use std::convert::TryInto;

/// Fixed header size in bytes.
pub const HEADER: usize = 22;
/// `vlen` value that marks a deletion.
pub const TOMBSTONE: u32 = u32::MAX;
/// Largest key we accept.
pub const MAX_KEY: usize = u16::MAX as usize;
/// Largest value we accept (the tombstone value is reserved).
pub const MAX_VALUE: usize = (u32::MAX - 1) as usize;

const fn make_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC_TABLE: [u32; 256] = make_table();

/// Incremental CRC-32 (IEEE).
#[derive(Clone, Copy)]
pub struct Crc(u32);

impl Crc {
    pub fn new() -> Self {
        Crc(0xFFFF_FFFF)
    }
    pub fn update(&mut self, data: &[u8]) {
        let mut c = self.0;
        for &b in data {
            c = CRC_TABLE[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
        }
        self.0 = c;
    }
    pub fn finish(self) -> u32 {
        self.0 ^ 0xFFFF_FFFF
    }
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut c = Crc::new();
    c.update(data);
    c.finish()
}

/// Decoded record header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub crc: u32,
    pub ts_ms: u64,
    pub ttl_s: u32,
    pub klen: u16,
    pub vlen: u32,
}

impl Header {
    pub fn is_tombstone(&self) -> bool {
        self.vlen == TOMBSTONE
    }

    pub fn body_len(&self) -> u64 {
        let v = if self.is_tombstone() { 0 } else { self.vlen as u64 };
        self.klen as u64 + v
    }

    pub fn record_len(&self) -> u64 {
        HEADER as u64 + self.body_len()
    }

    /// Absolute expiry in ms since the epoch, if the record has a TTL.
    pub fn expires_at(&self) -> Option<u64> {
        if self.ttl_s == 0 {
            None
        } else {
            Some(self.ts_ms.saturating_add(self.ttl_s as u64 * 1000))
        }
    }

    pub fn decode(buf: &[u8; HEADER]) -> Header {
        Header {
            crc: u32::from_le_bytes(buf[0..4].try_into().unwrap()),
            ts_ms: u64::from_le_bytes(buf[4..12].try_into().unwrap()),
            ttl_s: u32::from_le_bytes(buf[12..16].try_into().unwrap()),
            klen: u16::from_le_bytes(buf[16..18].try_into().unwrap()),
            vlen: u32::from_le_bytes(buf[18..22].try_into().unwrap()),
        }
    }

    /// CRC over everything after the crc field: the remaining header bytes
    /// followed by key and value.
    pub fn checksum(header_tail: &[u8], body: &[u8]) -> u32 {
        let mut c = Crc::new();
        c.update(header_tail);
        c.update(body);
        c.finish()
    }
}

/// Serialises one record.
pub fn encode(key: &[u8], value: Option<&[u8]>, ts_ms: u64, ttl_s: u32) -> Vec<u8> {
    debug_assert!(key.len() <= MAX_KEY);
    let vlen = match value {
        Some(v) => v.len() as u32,
        None => TOMBSTONE,
    };
    let body_len = key.len() + value.map_or(0, |v| v.len());
    let mut out = Vec::with_capacity(HEADER + body_len);
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&ts_ms.to_le_bytes());
    out.extend_from_slice(&ttl_s.to_le_bytes());
    out.extend_from_slice(&(key.len() as u16).to_le_bytes());
    out.extend_from_slice(&vlen.to_le_bytes());
    out.extend_from_slice(key);
    if let Some(v) = value {
        out.extend_from_slice(v);
    }
    let crc = crc32(&out[4..]);
    out[0..4].copy_from_slice(&crc.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_known_answer() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn encode_decode() {
        let rec = encode(b"k", Some(b"value"), 1_700_000_000_000, 60);
        let h = Header::decode(rec[..HEADER].try_into().unwrap());
        assert_eq!(h.klen, 1);
        assert_eq!(h.vlen, 5);
        assert_eq!(h.ttl_s, 60);
        assert_eq!(h.record_len() as usize, rec.len());
        assert_eq!(h.crc, Header::checksum(&rec[4..HEADER], &rec[HEADER..]));
        assert_eq!(h.expires_at(), Some(1_700_000_060_000));
    }

    #[test]
    fn tombstone() {
        let rec = encode(b"gone", None, 1, 0);
        let h = Header::decode(rec[..HEADER].try_into().unwrap());
        assert!(h.is_tombstone());
        assert_eq!(h.body_len(), 4);
        assert_eq!(h.expires_at(), None);
    }
}
