use imgdedupe::{hash, GrayImage, HashKind, ImageHash};

fn gradient(w: usize, h: usize, shift: u8) -> GrayImage {
    let mut px = Vec::with_capacity(w * h);
    for y in 0..h {
        for x in 0..w {
            px.push(((x * 255 / w) as u8).wrapping_add(shift).saturating_add((y % 3) as u8));
        }
    }
    GrayImage::new(w, h, px)
}

#[test]
fn identical_images_same_hash() {
    for kind in [HashKind::Ahash, HashKind::Dhash, HashKind::Phash] {
        let a = hash(&gradient(64, 48, 0), kind);
        let b = hash(&gradient(64, 48, 0), kind);
        assert_eq!(a, b);
    }
}

#[test]
fn scaled_images_are_close() {
    let a = hash(&gradient(64, 64, 0), HashKind::Dhash);
    let b = hash(&gradient(128, 128, 0), HashKind::Dhash);
    assert!(a.distance(&b) <= 6, "{a} vs {b}");
}

#[test]
fn hex_roundtrip() {
    let h = ImageHash(0xdead_beef_0123_4567);
    assert_eq!(ImageHash::from_hex(&h.to_hex()), Some(h));
}
