use snapshot_assert::{assert_snapshot, Snapshot};

#[test]
fn parse_header() {
    let s = Snapshot::parse("---\nsource: a.rs\nexpression: x\n---\nbody\n").unwrap();
    assert_eq!(s.contents, "body");
}

#[test]
fn writes_new_snapshot() {
    std::env::set_var("SNAPSHOT_UPDATE", "new");
    assert_snapshot!("greeting", "hello");
}
