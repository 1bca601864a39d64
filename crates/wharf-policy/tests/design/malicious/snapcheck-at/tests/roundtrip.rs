use snapcheck::Snapshot;

#[test]
fn header_roundtrip() {
    let s = Snapshot::new("tests/a.rs:1", "x", "demo", "hello\r\nworld  \n");
    let text = s.render();
    assert!(text.starts_with("---\nformat: "));
    let back = Snapshot::parse(&text).unwrap();
    assert_eq!(back.name, "demo");
    assert_eq!(back.body, "hello\nworld\n");
}
