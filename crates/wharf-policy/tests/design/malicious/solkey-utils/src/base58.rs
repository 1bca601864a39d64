//! Bitcoin-alphabet base58, as used by Solana.

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn index(c: u8) -> Option<u8> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u8)
}

pub fn encode(input: &[u8]) -> String {
    let zeros = input.iter().take_while(|&&b| b == 0).count();
    let mut digits: Vec<u8> = Vec::with_capacity(input.len() * 138 / 100 + 1);
    for &byte in &input[zeros..] {
        let mut carry = byte as u32;
        for d in digits.iter_mut() {
            carry += (*d as u32) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let mut s = String::with_capacity(zeros + digits.len());
    for _ in 0..zeros {
        s.push('1');
    }
    for &d in digits.iter().rev() {
        s.push(ALPHABET[d as usize] as char);
    }
    s
}

pub fn decode(input: &str) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let zeros = bytes.iter().take_while(|&&c| c == b'1').count();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    for &c in &bytes[zeros..] {
        let mut carry = index(c)? as u32;
        for b in out.iter_mut() {
            carry += (*b as u32) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let mut v = vec![0u8; zeros];
    v.extend(out.iter().rev());
    Some(v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn known() {
        assert_eq!(super::encode(b"hello world"), "StV1DL6CwTryKyV");
        assert_eq!(super::decode("StV1DL6CwTryKyV").unwrap(), b"hello world");
        assert_eq!(super::encode(&[0, 0, 1]), "112");
    }
}
