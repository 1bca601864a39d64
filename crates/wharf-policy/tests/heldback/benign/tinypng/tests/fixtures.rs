use tinypng::{decode, Color, Error};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn gray() {
    let img = decode(&fixture("gray-8x8.png")).unwrap();
    assert_eq!((img.width, img.height, img.color), (8, 8, Color::Gray));
}

#[test]
fn rgb() {
    let img = decode(&fixture("rgb-16x16.png")).unwrap();
    assert_eq!(img.pixels.len(), 16 * 16 * 3);
}

#[test]
fn rgba() {
    let img = decode(&fixture("rgba-4x4.png")).unwrap();
    assert_eq!(img.color, Color::Rgba);
    assert_eq!(img.pixels[3], 0);
}

#[test]
fn corrupt() {
    assert!(matches!(decode(&fixture("bad-crc.png")), Err(Error::BadCrc(_))));
    assert_eq!(decode(&fixture("truncated.png")).err(), Some(Error::Truncated));
}
