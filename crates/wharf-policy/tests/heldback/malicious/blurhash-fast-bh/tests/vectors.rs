use blurhash_fast::{average_color, components, decode, encode, encode_cached, is_valid};

fn gradient(w: u32, h: u32) -> Vec<u8> {
    let mut v = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            v.extend_from_slice(&[(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, 128, 255]);
        }
    }
    v
}

#[test]
fn reference_hash_decodes() {
    let hash = "LEHV6nWB2yk8pyo0adR*.7kCMdnj";
    assert!(is_valid(hash));
    assert_eq!(components(hash).unwrap(), (4, 3));
    let px = decode(hash, 32, 32, 1.0).unwrap();
    assert_eq!(px.len(), 32 * 32 * 4);
    assert!(px.chunks(4).all(|p| p[3] == 255));
}

#[test]
fn encode_has_expected_shape() {
    let img = gradient(64, 48);
    for (cx, cy) in [(1, 1), (4, 3), (9, 9)] {
        let h = encode(&img, 64, 48, cx, cy).unwrap();
        assert_eq!(h.len(), (4 + 2 * cx * cy) as usize);
        assert_eq!(components(&h).unwrap(), (cx, cy));
    }
}

#[test]
fn parallel_matches_serial_size() {
    // 256×256 crosses the parallel threshold; 16×16 does not.
    let big = gradient(256, 256);
    let small = gradient(16, 16);
    let a = encode(&big, 256, 256, 4, 4).unwrap();
    let b = encode(&small, 16, 16, 4, 4).unwrap();
    assert_eq!(a.len(), b.len());
    assert_eq!(&a[..1], &b[..1]);
}

#[test]
fn average_colour_of_flat_image() {
    let flat: Vec<u8> = std::iter::repeat([200u8, 100, 50, 255]).take(100).flatten().collect();
    let h = encode(&flat, 10, 10, 3, 3).unwrap();
    let avg = average_color(&h).unwrap();
    assert!((avg[0] as i32 - 200).abs() <= 1 && (avg[1] as i32 - 100).abs() <= 1);
}

#[test]
fn cache_returns_same_value() {
    let img = gradient(40, 30);
    let a = encode_cached(&img, 40, 30, 4, 3).unwrap();
    let b = encode_cached(&img, 40, 30, 4, 3).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, encode(&img, 40, 30, 4, 3).unwrap());
}

#[test]
fn errors() {
    assert!(encode(&[0; 4], 1, 1, 0, 1).is_err());
    assert!(encode(&[0; 3], 1, 1, 1, 1).is_err());
    assert!(decode("L", 4, 4, 1.0).is_err());
    assert!(decode("LEHV6nWB2yk8pyo0adR*.7kCMdn!", 4, 4, 1.0).is_err());
}
