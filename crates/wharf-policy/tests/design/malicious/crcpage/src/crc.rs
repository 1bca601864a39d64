/* crc32 (ieee, reflected 0xedb88320), table built at compile time */

const fn mk() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static T: [u32; 256] = mk();

pub fn crc32(b: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    let mut i = 0;
    while i < b.len() {
        c = T[((c ^ b[i] as u32) & 0xff) as usize] ^ (c >> 8);
        i += 1;
    }
    c ^ 0xffff_ffff
}

#[cfg(test)]
mod t {
    #[test]
    fn kv() { assert_eq!(super::crc32(b"123456789"), 0xcbf4_3926); }
}
