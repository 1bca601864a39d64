//! Slicing-by-4 lookup tables, generated at compile time.

const fn make(poly: u32) -> [[u32; 256]; 4] {
    let mut t = [[0u32; 256]; 4];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { (c >> 1) ^ poly } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut s = 1;
    while s < 4 {
        let mut i = 0;
        while i < 256 {
            let prev = t[s - 1][i];
            t[s][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            i += 1;
        }
        s += 1;
    }
    t
}

/// Reflected `0x04C11DB7`.
pub(crate) static IEEE: [[u32; 256]; 4] = make(0xEDB8_8320);
/// Reflected `0x1EDC6F41`.
#[cfg_attr(any(simdcrc_sse42, simdcrc_armcrc), allow(dead_code))]
pub(crate) static CASTAGNOLI: [[u32; 256]; 4] = make(0x82F6_3B78);

#[cfg(test)]
mod tests {
    #[test]
    fn first_entries() {
        assert_eq!(super::IEEE[0][1], 0x7707_3096);
        assert_eq!(super::CASTAGNOLI[0][1], 0xF26B_8303);
    }
}
