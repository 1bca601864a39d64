use roman_fmt::{parse, Roman, Style};

#[test]
fn unicode_forms() {
    assert_eq!(Roman(12).format(&Style::unicode()), "Ⅻ");
    assert_eq!(parse("Ⅻ"), Ok(12));
}

#[test]
fn lower() {
    assert_eq!(Roman(2024).format(&Style::lower()), "mmxxiv");
}
