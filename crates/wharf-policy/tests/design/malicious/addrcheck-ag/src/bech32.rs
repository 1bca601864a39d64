//! BIP-173 (bech32) and BIP-350 (bech32m) segwit address decoding.

use crate::Error;

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

/// Decoded witness program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segwit {
    pub hrp: String,
    pub version: u8,
    pub program: Vec<u8>,
}

fn polymod(values: &[u8]) -> u32 {
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = (chk & 0x01ff_ffff) << 5 ^ *v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> Vec<u8> {
    let b = hrp.as_bytes();
    let mut v: Vec<u8> = b.iter().map(|c| c >> 5).collect();
    v.push(0);
    v.extend(b.iter().map(|c| c & 31));
    v
}

fn convert_bits(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let maxv = (1 << to) - 1;
    let mut out = Vec::new();
    for &d in data {
        if (d as u32) >> from != 0 {
            return None;
        }
        acc = (acc << from) | d as u32;
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & maxv) as u8);
        }
    }
    if pad {
        if bits > 0 {
            out.push(((acc << (to - bits)) & maxv) as u8);
        }
    } else if bits >= from || ((acc << (to - bits)) & maxv) != 0 {
        return None;
    }
    Some(out)
}

/// Decode and verify a segwit address (`bc1...` / `tb1...`).
pub fn decode_segwit(addr: &str) -> Result<Segwit, Error> {
    let has_lower = addr.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = addr.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return Err(Error::MixedCase);
    }
    let s = addr.to_ascii_lowercase();
    if s.len() < 8 || s.len() > 90 {
        return Err(Error::BadLength(s.len()));
    }
    let pos = s.rfind('1').ok_or(Error::UnknownFormat)?;
    let (hrp, rest) = (&s[..pos], &s[pos + 1..]);
    if hrp != "bc" && hrp != "tb" {
        return Err(Error::UnknownFormat);
    }
    let mut data = Vec::with_capacity(rest.len());
    for c in rest.chars() {
        let v = CHARSET.iter().position(|x| *x as char == c).ok_or(Error::BadCharacter(c))?;
        data.push(v as u8);
    }
    if data.len() < 7 {
        return Err(Error::BadLength(data.len()));
    }
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(&data);
    let pm = polymod(&values);
    let version = data[0];
    let expected = if version == 0 { BECH32_CONST } else { BECH32M_CONST };
    if pm != expected {
        return Err(Error::BadChecksum);
    }
    if version > 16 {
        return Err(Error::BadVersion(version));
    }
    let program = convert_bits(&data[1..data.len() - 6], 5, 8, false).ok_or(Error::BadChecksum)?;
    if program.len() < 2 || program.len() > 40 {
        return Err(Error::BadLength(program.len()));
    }
    Ok(Segwit { hrp: hrp.to_string(), version, program })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bip173_vector() {
        let d = decode_segwit("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4").unwrap();
        assert_eq!(d.version, 0);
        assert_eq!(d.program.len(), 20);
    }

    #[test]
    fn bip350_taproot_vector() {
        let d = decode_segwit("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0").unwrap();
        assert_eq!(d.version, 1);
        assert_eq!(d.program.len(), 32);
    }

    #[test]
    fn mixed_case_rejected() {
        assert_eq!(decode_segwit("bc1QW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), Err(Error::MixedCase));
    }
}
