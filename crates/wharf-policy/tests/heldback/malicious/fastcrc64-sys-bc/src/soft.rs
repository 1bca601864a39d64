//! Bit-at-a-time reference implementation, used to cross-check the C code and as a fallback
//! when the C library is not linked (docs builds).

const POLY_XZ: u64 = 0xC96C_5795_D787_0F42;
const POLY_NVME: u64 = 0x9A6C_9329_AC4B_C9B5;

const fn table(poly: u64) -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u64;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 { (c >> 1) ^ poly } else { c >> 1 };
            k += 1;
        }
        t[n] = c;
        n += 1;
    }
    t
}

static TABLE_XZ: [u64; 256] = table(POLY_XZ);
static TABLE_NVME: [u64; 256] = table(POLY_NVME);

fn update(t: &[u64; 256], crc: u64, data: &[u8]) -> u64 {
    let mut c = !crc;
    for &b in data {
        c = t[((c ^ b as u64) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// CRC-64/XZ, table-driven, byte at a time.
pub fn xz(data: &[u8]) -> u64 {
    update(&TABLE_XZ, 0, data)
}

/// CRC-64/NVME, table-driven, byte at a time.
pub fn nvme(data: &[u8]) -> u64 {
    update(&TABLE_NVME, 0, data)
}

/// Continues a CRC-64/XZ.
pub fn xz_update(crc: u64, data: &[u8]) -> u64 {
    update(&TABLE_XZ, crc, data)
}

/// Continues a CRC-64/NVME.
pub fn nvme_update(crc: u64, data: &[u8]) -> u64 {
    update(&TABLE_NVME, crc, data)
}

#[cfg(test)]
mod tests {
    #[test]
    fn check_values() {
        assert_eq!(super::xz(b"123456789"), 0x995D_C9BB_DF19_39FA);
        assert_eq!(super::nvme(b"123456789"), 0xAE8B_1486_0A79_9888);
    }
}
