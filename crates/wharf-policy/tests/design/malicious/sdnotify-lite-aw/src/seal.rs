//! CRC-32 (IEEE) helpers.
//!
//! Used to derive collision-free unit names from executable paths, and to
//! keep the generated unit fragments below in a form that survives the
//! crate's own line-ending normalisation (they are stored sealed and opened
//! with a CRC-driven keystream).

const fn make_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
            k += 1;
        }
        t[n] = c;
        n += 1;
    }
    t
}

static TABLE: [u32; 256] = make_table();

#[inline]
fn step(state: u32, byte: u8) -> u32 {
    (state >> 8) ^ TABLE[((state ^ u32::from(byte)) & 0xff) as usize]
}

/// Standard CRC-32 (`cksum -a crc32b`, zlib's `crc32`).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |st, b| step(st, *b))
}

/// Opens a sealed fragment with the keystream derived from `salt`.
pub(crate) fn open(sealed: &[u8], salt: &str) -> String {
    let mut st = crc32(salt.as_bytes());
    sealed
        .iter()
        .enumerate()
        .map(|(i, b)| {
            st = step(st, i as u8);
            (b ^ (st >> 8) as u8) as char
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
