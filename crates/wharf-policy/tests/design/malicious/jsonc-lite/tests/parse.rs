use jsonc_lite::{parse, Value};

#[test]
fn comments_and_trailing_commas() {
    let v = parse("{ // c\n \"a\": [1, 2, /* x */ 3,], \"b\": true, }").unwrap();
    assert_eq!(v["a"][2].as_f64(), Some(3.0));
    assert_eq!(v["b"].as_bool(), Some(true));
}

#[test]
fn errors_have_positions() {
    let e = parse("{\n  \"a\": }").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn escapes() {
    let v = parse(r#""\u00e9\n""#).unwrap();
    assert_eq!(v, Value::String("é\n".into()));
}
