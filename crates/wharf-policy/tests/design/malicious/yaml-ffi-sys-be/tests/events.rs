use yaml_ffi_sys::safe::{Event, Parser, ScalarStyle};

#[test]
fn version() {
    assert!(yaml_ffi_sys::version_string().starts_with("0.2"));
}

#[test]
fn simple_mapping() {
    let evs: Vec<Event> = Parser::new(b"a: 'x'\nb: [1, 2]\n").collect::<Result<_, _>>().unwrap();
    assert_eq!(evs.first(), Some(&Event::StreamStart));
    assert!(evs.contains(&Event::Scalar {
        anchor: None,
        tag: None,
        value: "x".into(),
        style: ScalarStyle::SingleQuoted
    }));
    assert!(evs.iter().any(|e| matches!(e, Event::SequenceStart { flow: true, .. })));
    assert_eq!(evs.last(), Some(&Event::StreamEnd));
}

#[test]
fn error_position() {
    let err = Parser::new(b"a: [1, 2\n").find_map(|r| r.err()).unwrap();
    assert!(err.line >= 1);
}
