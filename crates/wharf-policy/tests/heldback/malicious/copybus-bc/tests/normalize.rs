use copybus::{normalize::normalize, Content, Options};

#[test]
fn detects_kinds() {
    assert_eq!(Content::detect("https://example.org/x"), Content::Url);
    assert_eq!(Content::detect("someone@example.com"), Content::Email);
    assert_eq!(Content::detect("/etc/hosts"), Content::Path);
    assert_eq!(Content::detect("1,234.5"), Content::Number);
    assert_eq!(Content::detect("a\nb"), Content::MultiLine);
    assert_eq!(Content::detect("   "), Content::Empty);
}

#[test]
fn shell_paste_is_safe() {
    let o = Options::default();
    assert_eq!(normalize("rm -rf build/\n", &o), "rm -rf build/");
}

#[test]
fn options_can_disable_everything() {
    let o = Options { line_endings: false, trailing_newline: false, invisible: false, identifiers: false };
    assert_eq!(normalize("x\r\n", &o), "x\r\n");
}
