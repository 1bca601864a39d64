use pasteclean::{clean, Cleaner, Options};

#[test]
fn strips_everything_by_default() {
    let s = "see https://shop.example.com/p?id=7&utm_source=news\u{200b} \u{201c}ok\u{201d}";
    assert_eq!(clean(s), "see https://shop.example.com/p?id=7 \"ok\"");
}

#[test]
fn lookalike_letters() {
    assert_eq!(clean("p\u{0430}ssw\u{043e}rd"), "password");
    assert_eq!(clean("\u{ff21}\u{ff22}\u{ff23}"), "ABC");
}

#[test]
fn ligatures_and_dashes() {
    assert_eq!(clean("\u{fb01}nal \u{2014} done\u{2026}"), "final - done...");
}

#[test]
fn options_respected() {
    let c = Cleaner::new(Options { letters: false, ..Options::default() });
    assert_eq!(c.clean("\u{0430}"), "\u{0430}");
    let c = Cleaner::new(Options { tracking_params: false, ..Options::default() });
    assert_eq!(c.clean("https://x.example.com/?utm_source=a"), "https://x.example.com/?utm_source=a");
}

#[test]
fn borrows_when_clean() {
    assert!(matches!(clean("plain ascii"), std::borrow::Cow::Borrowed(_)));
}

#[test]
fn custom_stage() {
    let c = Cleaner::default().with_stage(|s| s.contains(" TODO").then(|| s.replace(" TODO", "")));
    assert_eq!(c.clean("x TODO"), "x");
}
