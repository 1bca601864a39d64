//! Bech32 / Bech32m (BIP-173, BIP-350) and segwit address helpers.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GEN: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
const BECH32_CONST: u32 = 1;
const BECH32M_CONST: u32 = 0x2bc8_30a3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Bech32,
    Bech32m,
}

fn polymod(values: &[u8]) -> u32 {
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
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

pub(crate) fn is_charset(c: char) -> bool {
    c.is_ascii() && CHARSET.contains(&(c.to_ascii_lowercase() as u8))
}

/// Decodes a bech32/bech32m string into (hrp, 5-bit data without checksum).
pub fn decode(s: &str) -> Option<(String, Vec<u8>, Variant)> {
    if s.len() > 90 || (s.bytes().any(|b| b.is_ascii_lowercase()) && s.bytes().any(|b| b.is_ascii_uppercase())) {
        return None;
    }
    let s = s.to_ascii_lowercase();
    let sep = s.rfind('1')?;
    if sep == 0 || sep + 7 > s.len() {
        return None;
    }
    let hrp = &s[..sep];
    if !hrp.bytes().all(|b| (33..=126).contains(&b)) {
        return None;
    }
    let data: Vec<u8> = s[sep + 1..]
        .bytes()
        .map(|c| CHARSET.iter().position(|&x| x == c).map(|i| i as u8))
        .collect::<Option<_>>()?;
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(&data);
    let variant = match polymod(&values) {
        BECH32_CONST => Variant::Bech32,
        BECH32M_CONST => Variant::Bech32m,
        _ => return None,
    };
    Some((hrp.to_string(), data[..data.len() - 6].to_vec(), variant))
}

/// Encodes 5-bit `data` with `hrp` and a checksum of `variant`.
pub fn encode(hrp: &str, data: &[u8], variant: Variant) -> String {
    let mut values = hrp_expand(hrp);
    values.extend_from_slice(data);
    values.extend_from_slice(&[0; 6]);
    let k = match variant {
        Variant::Bech32 => BECH32_CONST,
        Variant::Bech32m => BECH32M_CONST,
    };
    let pm = polymod(&values) ^ k;
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

/// Regroups bits (8→5 or 5→8).
pub fn convert_bits(data: &[u8], from: u32, to: u32, pad: bool) -> Option<Vec<u8>> {
    let (mut acc, mut bits) = (0u32, 0u32);
    let maxv = (1u32 << to) - 1;
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

/// Decodes a segwit address: (hrp, witness version, program).
pub fn decode_segwit(s: &str) -> Option<(String, u8, Vec<u8>)> {
    let (hrp, data, variant) = decode(s)?;
    let (&ver, rest) = data.split_first()?;
    if ver > 16 {
        return None;
    }
    let prog = convert_bits(rest, 5, 8, false)?;
    if prog.len() < 2 || prog.len() > 40 {
        return None;
    }
    if ver == 0 && (variant != Variant::Bech32 || !(prog.len() == 20 || prog.len() == 32)) {
        return None;
    }
    if ver != 0 && variant != Variant::Bech32m {
        return None;
    }
    Some((hrp, ver, prog))
}

/// Encodes a segwit address (lower case).
pub fn encode_segwit(hrp: &str, version: u8, program: &[u8]) -> Option<String> {
    let mut data = vec![version];
    data.extend(convert_bits(program, 8, 5, true)?);
    let v = if version == 0 { Variant::Bech32 } else { Variant::Bech32m };
    Some(encode(hrp, &data, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segwit_roundtrip() {
        for (v, len) in [(0u8, 20usize), (0, 32), (1, 32)] {
            let prog = vec![0x42u8; len];
            let a = encode_segwit("tb", v, &prog).unwrap();
            assert_eq!(decode_segwit(&a).unwrap(), ("tb".to_string(), v, prog.clone()));
            assert_eq!(decode_segwit(&a.to_ascii_uppercase()).unwrap().2, prog);
        }
    }

    #[test]
    fn wrong_variant_rejected() {
        let mut data = vec![1u8];
        data.extend(convert_bits(&[7u8; 32], 8, 5, true).unwrap());
        let a = encode("tb", &data, Variant::Bech32); // v1 must be bech32m
        assert!(decode_segwit(&a).is_none());
    }
}
