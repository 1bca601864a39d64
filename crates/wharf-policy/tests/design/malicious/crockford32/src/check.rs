//! Crockford's mod-37 check symbols.

const CHECK_EXTRA: &[u8; 5] = b"*~$=U";

/// The value of `data`, read as a big-endian integer, modulo 37.
pub fn checksum_value(data: &[u8]) -> u8 {
    let mut v: u32 = 0;
    for &b in data {
        v = (v * 256 + b as u32) % 37;
    }
    v as u8
}

pub(crate) fn symbol_for(v: u8) -> u8 {
    if v < 32 {
        crate::ALPHABET[v as usize]
    } else {
        CHECK_EXTRA[(v - 32) as usize]
    }
}

/// The check symbol for `data`.
pub fn check_symbol(data: &[u8]) -> u8 {
    symbol_for(checksum_value(data))
}

/// Does `sym` match the check symbol of `data`? Case-insensitive.
pub fn verify_check_symbol(data: &[u8], sym: char) -> bool {
    let want = check_symbol(data) as char;
    want.eq_ignore_ascii_case(&sym)
}
