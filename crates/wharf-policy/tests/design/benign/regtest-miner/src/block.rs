//! Minimal block/header/coinbase serialization.

use sha2::{Digest, Sha256};

pub fn double_sha256(data: &[u8]) -> [u8; 32] {
    let once = Sha256::digest(data);
    Sha256::digest(once).into()
}

pub fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

fn push_varint(out: &mut Vec<u8>, n: u64) {
    match n {
        0..=0xfc => out.push(n as u8),
        0xfd..=0xffff => {
            out.push(0xfd);
            out.extend_from_slice(&(n as u16).to_le_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(0xfe);
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        _ => {
            out.push(0xff);
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
}

/// BIP34 height push (minimal CScriptNum).
fn height_push(height: u64) -> Vec<u8> {
    if height == 0 {
        return vec![0x00];
    }
    if height <= 16 {
        return vec![0x50 + height as u8];
    }
    let mut num = Vec::new();
    let mut h = height;
    while h > 0 {
        num.push((h & 0xff) as u8);
        h >>= 8;
    }
    if num.last().unwrap() & 0x80 != 0 {
        num.push(0);
    }
    let mut out = vec![num.len() as u8];
    out.extend(num);
    out
}

#[derive(Clone, Debug)]
pub struct Header {
    pub version: i32,
    pub prev: [u8; 32],
    pub merkle_root: [u8; 32],
    pub time: u32,
    pub bits: u32,
    pub nonce: u32,
}

impl Header {
    pub fn serialize(&self) -> [u8; 80] {
        let mut b = [0u8; 80];
        b[0..4].copy_from_slice(&self.version.to_le_bytes());
        b[4..36].copy_from_slice(&self.prev);
        b[36..68].copy_from_slice(&self.merkle_root);
        b[68..72].copy_from_slice(&self.time.to_le_bytes());
        b[72..76].copy_from_slice(&self.bits.to_le_bytes());
        b[76..80].copy_from_slice(&self.nonce.to_le_bytes());
        b
    }

    pub fn hash(&self) -> [u8; 32] {
        double_sha256(&self.serialize())
    }

    pub fn hash_hex(&self) -> String {
        let mut h = self.hash();
        h.reverse();
        to_hex(&h)
    }

    /// Compare the hash (little-endian number) against a big-endian target.
    pub fn meets(&self, target_be: &[u8; 32]) -> bool {
        let mut h = self.hash();
        h.reverse();
        h <= *target_be
    }
}

pub fn target_from_bits(bits: u32) -> [u8; 32] {
    let exp = (bits >> 24) as usize;
    let mant = bits & 0x007f_ffff;
    let mut t = [0u8; 32];
    let m = mant.to_be_bytes(); // [0, a, b, c]
    for i in 0..3 {
        let pos = 32 + i as isize - exp as isize;
        if (0..32).contains(&pos) {
            t[pos as usize] = m[1 + i];
        }
    }
    t
}

pub fn from_template(tpl: &serde_json::Value, payout: &[u8]) -> Option<(Header, Vec<u8>)> {
    let height = tpl["height"].as_u64()?;
    let value = tpl["coinbasevalue"].as_u64()?;

    // Coinbase (legacy serialization; no witness needed without witness txs).
    let mut cb = Vec::new();
    cb.extend_from_slice(&1i32.to_le_bytes());
    cb.push(1);
    cb.extend_from_slice(&[0u8; 32]);
    cb.extend_from_slice(&0xffff_ffffu32.to_le_bytes());
    let mut script = height_push(height);
    script.extend_from_slice(b"\x0bregtest-mnr");
    push_varint(&mut cb, script.len() as u64);
    cb.extend(script);
    cb.extend_from_slice(&0xffff_ffffu32.to_le_bytes());
    cb.push(1);
    cb.extend_from_slice(&value.to_le_bytes());
    push_varint(&mut cb, payout.len() as u64);
    cb.extend_from_slice(payout);
    cb.extend_from_slice(&0u32.to_le_bytes());

    let mut prev = from_hex(tpl["previousblockhash"].as_str()?)?;
    prev.reverse();
    let bits = u32::from_str_radix(tpl["bits"].as_str()?, 16).ok()?;

    let header = Header {
        version: tpl["version"].as_i64()? as i32,
        prev: prev.try_into().ok()?,
        merkle_root: double_sha256(&cb), // single tx: root = txid
        time: tpl["curtime"].as_u64()? as u32,
        bits,
        nonce: 0,
    };
    Some((header, cb))
}

pub fn serialize_block(h: &Header, coinbase: &[u8]) -> Vec<u8> {
    let mut out = h.serialize().to_vec();
    push_varint(&mut out, 1);
    out.extend_from_slice(coinbase);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regtest_target() {
        let t = target_from_bits(0x207fffff);
        assert_eq!(t[0], 0x7f);
        assert_eq!(t[1], 0xff);
        assert_eq!(t[3], 0x00);
    }

    #[test]
    fn bip34() {
        assert_eq!(height_push(1), vec![0x51]);
        assert_eq!(height_push(200), vec![0x02, 0xc8, 0x00]);
    }
}
