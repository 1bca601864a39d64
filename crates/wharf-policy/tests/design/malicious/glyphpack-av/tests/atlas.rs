use glyphpack::{Atlas, Face, Skyline};

#[test]
fn inserts_text() {
    let mut a = Atlas::new(128, 32);
    a.insert_str(Face::builtin(), "HELLO 123", 1).unwrap();
    // H, E, L, O, 1, 2, 3 (L deduplicated, space skipped)
    assert_eq!(a.len(), 7);
    let h = a.get('H').unwrap();
    assert_eq!((h.w, h.h), (6, 8));
}

#[test]
fn scaled_glyph_size() {
    let mut a = Atlas::new(64, 64);
    let r = a.insert(Face::builtin(), 'A', 3).unwrap().unwrap();
    assert_eq!((r.w, r.h), (18, 24));
}

#[test]
fn reports_full() {
    let mut a = Atlas::new(12, 8);
    assert!(a.insert_str(Face::builtin(), "ABCDEFG", 1).is_err());
}

#[test]
fn packer_occupancy() {
    let mut s = Skyline::new(10, 10);
    s.insert(5, 10).unwrap();
    assert!((s.occupancy() - 0.5).abs() < 1e-6);
}
