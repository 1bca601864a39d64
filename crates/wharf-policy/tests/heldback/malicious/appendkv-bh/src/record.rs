//! On-disk record encoding.

use std::io::{self, Read, Write};

pub(crate) const HEADER_LEN: usize = 4 + 4 + 4 + 8 + 8 + 8 + 1;
pub(crate) const MAX_KEY: usize = 64 * 1024;
pub(crate) const MAX_VALUE: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    Put = 0,
    Tombstone = 1,
}

impl Kind {
    fn from_u8(b: u8) -> Option<Self> {
        match b {
            0 => Some(Kind::Put),
            1 => Some(Kind::Tombstone),
            _ => None,
        }
    }
}

/// Fixed-size part of a record, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta {
    pub crc: u32,
    pub klen: u32,
    pub vlen: u32,
    pub seq: u64,
    pub ts_us: i64,
    pub expires_us: u64,
    pub kind: Kind,
}

impl Meta {
    pub(crate) fn body_len(&self) -> usize {
        self.klen as usize + self.vlen as usize
    }

    pub(crate) fn total_len(&self) -> usize {
        HEADER_LEN + self.body_len()
    }

    pub(crate) fn is_expired_at(&self, now_us: i64) -> bool {
        self.expires_us != 0 && (self.expires_us as i64) <= now_us
    }
}

/// An owned record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub seq: u64,
    pub ts_us: i64,
    pub expires_us: u64,
    pub kind: Kind,
    pub key: Vec<u8>,
    pub value: Vec<u8>,
}

impl Record {
    pub(crate) fn encode_into(&self, out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&[0u8; 4]);
        out.extend_from_slice(&(self.key.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.value.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.seq.to_le_bytes());
        out.extend_from_slice(&self.ts_us.to_le_bytes());
        out.extend_from_slice(&self.expires_us.to_le_bytes());
        out.push(self.kind as u8);
        out.extend_from_slice(&self.key);
        out.extend_from_slice(&self.value);
        let crc = crc32(&out[start + 4..]);
        out[start..start + 4].copy_from_slice(&crc.to_le_bytes());
    }

    pub(crate) fn encoded_len(&self) -> usize {
        HEADER_LEN + self.key.len() + self.value.len()
    }
}

pub(crate) fn decode_meta(h: &[u8; HEADER_LEN]) -> io::Result<Meta> {
    let u32_at = |o: usize| u32::from_le_bytes(h[o..o + 4].try_into().unwrap());
    let u64_at = |o: usize| u64::from_le_bytes(h[o..o + 8].try_into().unwrap());
    let kind = Kind::from_u8(h[36]).ok_or_else(|| bad("unknown record kind"))?;
    let meta = Meta {
        crc: u32_at(0),
        klen: u32_at(4),
        vlen: u32_at(8),
        seq: u64_at(12),
        ts_us: u64_at(20) as i64,
        expires_us: u64_at(28),
        kind,
    };
    if meta.klen as usize > MAX_KEY || meta.vlen as usize > MAX_VALUE {
        return Err(bad("record length out of range"));
    }
    Ok(meta)
}

/// Reads one full record. `Ok(None)` means clean end of input; a torn or
/// corrupt record is reported as `InvalidData` so the caller can truncate.
pub(crate) fn read_record<R: Read>(r: &mut R) -> io::Result<Option<(Meta, Record)>> {
    let mut h = [0u8; HEADER_LEN];
    match read_full(r, &mut h)? {
        0 => return Ok(None),
        n if n < HEADER_LEN => return Err(bad("torn record header")),
        _ => {}
    }
    let meta = decode_meta(&h)?;
    let mut body = vec![0u8; meta.body_len()];
    if read_full(r, &mut body)? < body.len() {
        return Err(bad("torn record body"));
    }
    let mut c = Crc32::new();
    c.update(&h[4..]);
    c.update(&body);
    if c.finish() != meta.crc {
        return Err(bad("record checksum mismatch"));
    }
    let value = body.split_off(meta.klen as usize);
    let rec = Record {
        seq: meta.seq,
        ts_us: meta.ts_us,
        expires_us: meta.expires_us,
        kind: meta.kind,
        key: body,
        value,
    };
    Ok(Some((meta, rec)))
}

pub(crate) fn write_record<W: Write>(w: &mut W, rec: &Record, scratch: &mut Vec<u8>) -> io::Result<usize> {
    scratch.clear();
    rec.encode_into(scratch);
    w.write_all(scratch)?;
    Ok(scratch.len())
}

fn read_full<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

pub(crate) fn bad(msg: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

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

/// Incremental CRC-32 (IEEE 802.3).
pub(crate) struct Crc32(u32);

impl Crc32 {
    pub(crate) fn new() -> Self {
        Crc32(!0)
    }
    pub(crate) fn update(&mut self, data: &[u8]) {
        let mut c = self.0;
        for &b in data {
            c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
        }
        self.0 = c;
    }
    pub(crate) fn finish(&self) -> u32 {
        !self.0
    }
}

pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut c = Crc32::new();
    c.update(data);
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn roundtrip() {
        let rec = Record {
            seq: 7,
            ts_us: 1_700_000_000_000_000,
            expires_us: 0,
            kind: Kind::Put,
            key: b"k".to_vec(),
            value: b"value".to_vec(),
        };
        let mut buf = Vec::new();
        rec.encode_into(&mut buf);
        assert_eq!(buf.len(), rec.encoded_len());
        let (meta, back) = read_record(&mut &buf[..]).unwrap().unwrap();
        assert_eq!(back, rec);
        assert_eq!(meta.total_len(), buf.len());
    }

    #[test]
    fn detects_corruption() {
        let rec = Record {
            seq: 1,
            ts_us: 1,
            expires_us: 0,
            kind: Kind::Put,
            key: b"a".to_vec(),
            value: b"b".to_vec(),
        };
        let mut buf = Vec::new();
        rec.encode_into(&mut buf);
        *buf.last_mut().unwrap() ^= 1;
        assert!(read_record(&mut &buf[..]).is_err());
        assert!(read_record(&mut &buf[..5]).is_err());
    }
}
