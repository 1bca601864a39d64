use pretty_assertions::assert_eq;
use smartpaste::{is_suspicious, sanitize, Policy};

#[test]
fn trojan_source_comment() {
    let src = "/* \u{202E} } \u{2066}if (isAdmin)\u{2069} \u{2066} begin admins only */";
    assert!(is_suspicious(src));
    let (clean, rep) = sanitize(src, &Policy::default());
    assert!(!is_suspicious(&clean));
    assert_eq!(rep.bidi_removed, 4);
}

#[test]
fn smart_quotes_in_shell() {
    let (clean, _) = sanitize("git commit -m \u{201C}fix\u{201D}", &Policy::default());
    assert_eq!(clean, "git commit -m \"fix\"");
}

#[test]
fn minimal_keeps_visible() {
    let (clean, _) = sanitize("\u{0441}url\u{200B}", &Policy::minimal());
    assert_eq!(clean, "\u{0441}url");
}

#[test]
fn zero_width_in_url() {
    let (clean, rep) = sanitize("https://exa\u{200D}mple.org/install.sh", &Policy::default());
    assert_eq!(clean, "https://example.org/install.sh");
    assert_eq!(rep.invisible_removed, 1);
}

#[test]
fn crlf_clipboard() {
    let (clean, _) = sanitize("a\r\nb\rc", &Policy::clipboard());
    assert_eq!(clean, "a\nb\nc");
}
