//! Bech32 (BIP-173) and Bech32m (BIP-350) verification.

use crate::Error;

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];

/// Which checksum constant validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// BIP-173.
    Bech32,
    /// BIP-350.
    Bech32m,
}

fn polymod(values: &[u8]) -> u32 {
    let mut chk: u32 = 1;
    for &v in values {
        let b = chk >> 25;
        chk = ((chk & 0x1ff_ffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (b >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

fn hrp_expand(hrp: &str) -> Vec<u8> {
    let mut v: Vec<u8> = hrp.bytes().map(|b| b >> 5).collect();
    v.push(0);
    v.extend(hrp.bytes().map(|b| b & 31));
    v
}

/// Regroup bits (e.g. 8-bit bytes to 5-bit groups).
pub fn convert_bits(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let mut acc: u32 = 0;
    let mut bits: u32 = 0;
    let maxv: u32 = (1 << to) - 1;
    let mut out = Vec::with_capacity(data.len() * from as usize / to as usize + 1);
    for &v in data {
        if (v as u32) >> from != 0 {
            return None;
        }
        acc = (acc << from) | v as u32;
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

/// Encode 5-bit `data` under `hrp`.
pub fn encode(hrp: &str, data: &[u8], variant: Variant) -> String {
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(data);
    values.extend_from_slice(&[0u8; 6]);
    let konst = match variant {
        Variant::Bech32 => 1,
        Variant::Bech32m => 0x2bc8_30a3,
    };
    let pm = polymod(&values) ^ konst;
    let mut s = String::with_capacity(hrp.len() + 1 + data.len() + 6);
    s.push_str(hrp);
    s.push('1');
    for &d in data {
        s.push(CHARSET[d as usize] as char);
    }
    for i in 0..6 {
        s.push(CHARSET[((pm >> (5 * (5 - i))) & 31) as usize] as char);
    }
    s
}

/// Build a SegWit address from a witness version and program.
pub fn segwit_address(hrp: &str, version: u8, program: &[u8]) -> String {
    let mut data = vec![version];
    data.extend(convert_bits(program, 8, 5, true).unwrap_or_default());
    encode(hrp, &data, if version == 0 { Variant::Bech32 } else { Variant::Bech32m })
}

/// Decoded Bech32 string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Human readable part (lowercase).
    pub hrp: String,
    /// 5-bit data values, checksum removed.
    pub data: Vec<u8>,
    /// Checksum variant.
    pub variant: Variant,
}

/// Decode and verify.
pub fn decode(s: &str) -> Result<Decoded, Error> {
    if s.len() < 8 || s.len() > 90 {
        return Err(Error::Length(s.len()));
    }
    let has_lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let has_upper = s.bytes().any(|b| b.is_ascii_uppercase());
    if has_lower && has_upper {
        return Err(Error::Char('A'));
    }
    let s = s.to_ascii_lowercase();
    let pos = s.rfind('1').ok_or(Error::Unknown)?;
    if pos < 1 || pos + 7 > s.len() {
        return Err(Error::Unknown);
    }
    let hrp = &s[..pos];
    let mut data = Vec::with_capacity(s.len() - pos - 1);
    for c in s[pos + 1..].bytes() {
        let v = CHARSET.iter().position(|&x| x == c).ok_or(Error::Char(c as char))?;
        data.push(v as u8);
    }
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(&data);
    let variant = match polymod(&values) {
        1 => Variant::Bech32,
        0x2bc8_30a3 => Variant::Bech32m,
        _ => return Err(Error::Checksum),
    };
    data.truncate(data.len() - 6);
    Ok(Decoded { hrp: hrp.to_owned(), data, variant })
}

/// Validate a SegWit address for the given HRP (`bc`, `tb`, `ltc`).
pub fn is_segwit(s: &str, hrp: &str) -> bool {
    match decode(s) {
        Ok(d) if d.hrp == hrp && !d.data.is_empty() => {
            let ver = d.data[0];
            (ver == 0 && d.variant == Variant::Bech32) || (ver >= 1 && ver <= 16 && d.variant == Variant::Bech32m)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAKE_PROGRAM: &[u8; 20] = b"FAKE-TEST-PROGRAM-20";

    #[test]
    fn segwit_v0_roundtrip() {
        let a = segwit_address("bc", 0, FAKE_PROGRAM);
        assert!(is_segwit(&a, "bc"));
        let d = decode(&a).unwrap();
        assert_eq!(d.variant, Variant::Bech32);
        assert_eq!(convert_bits(&d.data[1..], 5, 8, false).unwrap(), FAKE_PROGRAM.to_vec());
    }

    #[test]
    fn taproot_uses_bech32m() {
        let a = segwit_address("bc", 1, b"FAKE-TEST-PROGRAM-32-BYTES-LONG!");
        assert_eq!(decode(&a).unwrap().variant, Variant::Bech32m);
    }

    #[test]
    fn detects_corruption() {
        let mut a = segwit_address("bc", 0, FAKE_PROGRAM).into_bytes();
        let i = a.len() - 3;
        a[i] = if a[i] == b'q' { b'p' } else { b'q' };
        assert!(!is_segwit(std::str::from_utf8(&a).unwrap(), "bc"));
    }
}
