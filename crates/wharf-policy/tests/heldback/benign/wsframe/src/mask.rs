/// XOR `buf` with the 4-byte masking key (RFC 6455 5.3). Applying twice is the identity.
pub fn apply_mask(buf: &mut [u8], key: [u8; 4]) {
    let word = u32::from_ne_bytes(key);
    let (head, mid, tail) = unsafe { buf.align_to_mut::<u32>() };
    let mut i = 0;
    for b in head.iter_mut() {
        *b ^= key[i & 3];
        i += 1;
    }
    let rot = (i & 3) as u32 * 8;
    let w = if cfg!(target_endian = "little") { word.rotate_right(rot) } else { word.rotate_left(rot) };
    for x in mid.iter_mut() {
        *x ^= w;
    }
    i += mid.len() * 4;
    for b in tail.iter_mut() {
        *b ^= key[i & 3];
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn rfc_example() {
        // RFC 6455 5.7: masked "Hello"
        let mut p = [0x7f, 0x9f, 0x4d, 0x51, 0x58];
        apply_mask(&mut p, [0x37, 0xfa, 0x21, 0x3d]);
        assert_eq!(&p, b"Hello");
    }
    #[test]
    fn involution_unaligned() {
        let orig: Vec<u8> = (0..103u8).collect();
        let mut v = orig.clone();
        apply_mask(&mut v[3..], [1, 2, 3, 4]);
        apply_mask(&mut v[3..], [1, 2, 3, 4]);
        assert_eq!(v, orig);
    }
}
