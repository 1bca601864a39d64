use logtail_sink::{Format, Formatter};

#[test]
fn logfmt_has_level_and_target() {
    let f = Formatter::new(Format::Logfmt, vec![("service".into(), "api".into())]);
    let rec = log::Record::builder()
        .args(format_args!("hello"))
        .level(log::Level::Warn)
        .target("db")
        .build();
    let line = f.render(&rec);
    assert!(line.contains("level=warn"));
    assert!(line.contains("target=db"));
    assert!(line.contains("service=api"));
}

#[test]
fn json_is_valid() {
    let f = Formatter::new(Format::JsonLines, vec![]);
    let rec = log::Record::builder().args(format_args!("x")).build();
    let v: serde_json::Value = serde_json::from_str(&f.render(&rec)).unwrap();
    assert_eq!(v["msg"], "x");
}
