use confusable_skel::{
    confusable_with, is_confusable, mixed_script, restriction_level, script::script_of,
    skeleton, RestrictionLevel, Script, SkeletonIndex,
};

const KNOWN: &[&str] = &["admin", "root", "support", "billing", "security", "paypal"];

#[test]
fn common_impersonations() {
    for (spoof, real) in [
        ("аdmin", "admin"),
        ("rооt", "root"),
        ("ѕupport", "support"),
        ("ΒILLING", "BILLING"),
        ("sеcurity", "security"),
        ("раураl", "paypal"),
    ] {
        assert!(is_confusable(spoof, real), "{spoof} vs {real}");
        assert_ne!(spoof, real);
    }
}

#[test]
fn finds_clashes_in_list() {
    let hits = confusable_with("rоot", KNOWN.iter().copied());
    assert_eq!(hits, vec!["root"]);
    assert!(confusable_with("rooter", KNOWN.iter().copied()).is_empty());
}

#[test]
fn index_roundtrip() {
    let mut idx = SkeletonIndex::new();
    for k in KNOWN {
        assert!(idx.insert(k).is_empty(), "{k}");
    }
    assert_eq!(idx.lookup("ѕecurity"), vec!["security"]);
    assert_eq!(idx.len(), KNOWN.len());
}

#[test]
fn dashes_and_spaces() {
    assert_eq!(skeleton("a\u{2010}b\u{2003}c"), "a-b c");
    assert_eq!(skeleton("x\u{2044}y"), "x/y");
}

#[test]
fn scripts() {
    assert_eq!(script_of('a'), Script::Latin);
    assert_eq!(script_of('а'), Script::Cyrillic);
    assert_eq!(script_of('α'), Script::Greek);
    assert_eq!(script_of('-'), Script::Common);
    assert!(mixed_script("gооgle"));
    assert_eq!(restriction_level("google"), RestrictionLevel::AsciiOnly);
}

#[test]
fn roman_numerals() {
    assert_eq!(skeleton("Ⅿⅽⅾ"), "Mcd");
    assert_eq!(skeleton("ⅿ"), "rn");
}
