use snipexpand::{Cleaner, Context, Snippets, Step};

const FILE: &str = r"
# test snippets
;sig  = Regards,\nNoor
;sig2 = Cheers
;d    = {date}
;q    = > {clipboard}
";

fn ctx(clip: &str) -> Context<'_> {
    Context { clipboard: clip, now: Some(0), utc_offset_min: 0 }
}

#[test]
fn parse_and_order() {
    let s = Snippets::parse(FILE).unwrap();
    assert_eq!(s.len(), 4);
    assert_eq!(s.triggers().next(), Some(";sig2"));
    assert_eq!(s.get(";sig"), Some("Regards,\nNoor"));
}

#[test]
fn expands_suffix_only_at_word_start() {
    let s = Snippets::parse(FILE).unwrap();
    assert_eq!(s.expand_with("thanks ;sig", &ctx("")).as_deref(), Some("thanks Regards,\nNoor"));
    assert_eq!(s.expand_with("thanks;sig", &ctx("")), None);
    assert_eq!(s.expand_with(";sig2\n", &ctx("")).as_deref(), Some("Cheers"));
}

#[test]
fn placeholders() {
    let s = Snippets::parse(FILE).unwrap();
    assert_eq!(s.expand_with(";d", &ctx("")).as_deref(), Some("1970-01-01"));
    assert_eq!(s.expand_with(";q", &ctx("hi")).as_deref(), Some("> hi"));
}

#[test]
fn bad_line() {
    assert!(Snippets::parse("no equals sign").is_err());
    assert!(Snippets::parse("two words = x").is_err());
}

#[test]
fn cleaner_steps() {
    let c = Cleaner::new(&[Step::ZeroWidth]);
    assert_eq!(c.clean("x\u{FEFF}y").as_deref(), Some("xy"));
    assert_eq!(c.clean("\u{201C}q\u{201D}"), None);
    let c = Cleaner::default().with(Step::BlankLines);
    assert_eq!(c.clean("a\n\n\n\nb").as_deref(), Some("a\n\nb"));
}
