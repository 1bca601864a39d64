use std::fs;

fn data(name: &str) -> Vec<u8> {
    fs::read(format!("{}/tests/data/{}", env!("CARGO_MANIFEST_DIR"), name)).unwrap()
}

#[test]
fn good_lorem() {
    let out = lz4blk::decompress(&data("good-1-lorem.lz4"), 1024).unwrap();
    assert_eq!(out, data("good-1-lorem.txt"));
}

#[test]
fn bad_truncated() {
    assert!(lz4blk::decompress(&data("bad-1-truncated.lz4"), 1024).is_err());
}

#[test]
fn bad_offset_zero() {
    assert!(matches!(
        lz4blk::decompress(&data("bad-2-offset-zero.lz4"), 1024),
        Err(lz4blk::Error::BadOffset { .. })
    ));
}

#[test]
fn roundtrip_repetitive() {
    let input: Vec<u8> = b"abcdefgh".iter().cycle().take(10_000).copied().collect();
    let packed = lz4blk::compress(&input);
    assert!(packed.len() < input.len() / 10);
    assert_eq!(lz4blk::decompress(&packed, input.len()).unwrap(), input);
}
