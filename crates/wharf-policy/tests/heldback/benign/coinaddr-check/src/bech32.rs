use crate::Error;

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const BECH32M: u32 = 0x2bc830a3;

fn polymod(values: &[u8]) -> u32 {
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ *v as u32;
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

fn convert_bits(data: &[u8], from: u32, to: u32) -> Option<Vec<u8>> {
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    let maxv = (1 << to) - 1;
    for &v in data {
        acc = (acc << from) | v as u32;
        bits += from;
        while bits >= to {
            bits -= to;
            out.push(((acc >> bits) & maxv) as u8);
        }
    }
    if bits >= from || ((acc << (to - bits)) & maxv) != 0 {
        return None;
    }
    Some(out)
}

pub fn decode_segwit(addr: &str) -> Result<(u8, Vec<u8>), Error> {
    if addr.chars().any(|c| c.is_ascii_lowercase()) && addr.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(Error::Format);
    }
    let a = addr.to_ascii_lowercase();
    let pos = a.rfind('1').ok_or(Error::Format)?;
    let (hrp, data) = (&a[..pos], &a[pos + 1..]);
    if data.len() < 6 {
        return Err(Error::Format);
    }
    let vals: Vec<u8> = data
        .bytes()
        .map(|c| CHARSET.iter().position(|&x| x == c).map(|p| p as u8))
        .collect::<Option<_>>()
        .ok_or(Error::Format)?;
    let mut chk = hrp_expand(hrp);
    chk.extend(&vals);
    let pm = polymod(&chk);
    let witver = vals[0];
    let ok = if witver == 0 { pm == 1 } else { pm == BECH32M };
    if !ok {
        return Err(Error::Checksum);
    }
    let prog = convert_bits(&vals[1..vals.len() - 6], 5, 8).ok_or(Error::Format)?;
    if prog.len() < 2 || prog.len() > 40 || (witver == 0 && prog.len() != 20 && prog.len() != 32) {
        return Err(Error::Format);
    }
    Ok((witver, prog))
}
