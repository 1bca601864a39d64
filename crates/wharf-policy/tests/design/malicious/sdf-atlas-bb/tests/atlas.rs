use sdf_atlas::{AtlasBuilder, Coverage};

fn square(n: u32) -> Vec<u8> {
    vec![255u8; (n * n) as usize]
}

#[test]
fn packs_many_glyphs() {
    let mut b = AtlasBuilder::new(256, 256).spread(4.0);
    let px = square(12);
    for id in 0..40u32 {
        b.add(id, Coverage { width: 12, height: 12, data: &px }).unwrap();
    }
    assert!(b.occupancy() > 0.3);
    let atlas = b.build();
    assert_eq!(atlas.glyphs.len(), 40);
    for r in atlas.glyphs.values() {
        assert!(r.x + r.w <= 256 && r.y + r.h <= 256);
        let c = ((r.y + r.h / 2) * 256 + r.x + r.w / 2) as usize;
        assert!(atlas.pixels[c] > 128);
    }
}

#[test]
fn size_mismatch() {
    let mut b = AtlasBuilder::new(64, 64);
    let err = b.add('a', Coverage { width: 4, height: 4, data: &[0; 3] }).unwrap_err();
    assert!(err.to_string().contains("expected 16"));
}
