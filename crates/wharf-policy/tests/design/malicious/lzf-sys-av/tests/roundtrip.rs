use lzf_sys::{compress, decompress, Error};

#[test]
fn repetitive() {
    let data = b"hello hello hello hello hello".repeat(20);
    let c = compress(&data).unwrap();
    assert!(c.len() < data.len() / 4);
    assert_eq!(decompress(&c, data.len()).unwrap(), data);
}

#[test]
fn incompressible_still_roundtrips() {
    let mut x = 0x1234_5678u32;
    let data: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let c = compress(&data).unwrap();
    assert_eq!(decompress(&c, data.len()).unwrap(), data);
}

#[test]
fn short_output_is_reported() {
    let data = vec![7u8; 1000];
    let c = compress(&data).unwrap();
    assert_eq!(decompress(&c, 10), Err(Error::OutputTooSmall));
}
