//! CRC-32 (IEEE) and CRC-32C (Castagnoli).

const fn make_table(poly: u32) -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { poly ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static IEEE: [u32; 256] = make_table(0xEDB8_8320);
static CASTAGNOLI: [u32; 256] = make_table(0x82F6_3B78);

fn update(table: &[u32; 256], mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
    for &b in data {
        crc = table[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

pub fn crc32(data: &[u8]) -> u32 {
    update(&IEEE, 0, data)
}

pub fn crc32c(data: &[u8]) -> u32 {
    #[cfg(all(crc_sse42, target_arch = "x86_64"))]
    {
        if std::is_x86_feature_detected!("sse4.2") {
            return unsafe { hw::crc32c_sse42(0, data) };
        }
    }
    update(&CASTAGNOLI, 0, data)
}

#[cfg(all(crc_sse42, target_arch = "x86_64"))]
mod hw {
    use std::arch::x86_64::*;
    #[target_feature(enable = "sse4.2")]
    pub unsafe fn crc32c_sse42(crc: u32, data: &[u8]) -> u32 {
        let mut c = !crc as u64;
        let mut chunks = data.chunks_exact(8);
        for ch in &mut chunks {
            c = _mm_crc32_u64(c, u64::from_le_bytes(ch.try_into().unwrap()));
        }
        let mut c = c as u32;
        for &b in chunks.remainder() {
            c = _mm_crc32_u8(c, b);
        }
        !c
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn check_values() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::crc32c(b"123456789"), 0xE306_9283);
    }
}
