use hyphen_liang::{Hyphenator, Patterns};

#[test]
fn exceptions_from_bundled_file() {
    let h = Hyphenator::en_us();
    assert_eq!(h.hyphenate("associate", '-'), "as-so-ciate");
    assert_eq!(h.hyphenate("declination", '-'), "dec-li-na-tion");
    assert_eq!(h.hyphenate("project", '-'), "project");
}

#[test]
fn marks_only_inside_words() {
    let h = Hyphenator::en_us();
    let out = h.hyphenate("Table, table; TABLE!", '\u{AD}');
    assert_eq!(out.matches('\u{AD}').count(), 3);
    assert!(out.ends_with('!'));
}

#[test]
fn custom_patterns() {
    let src = "\\patterns{\n1ba a1b\n}\n";
    let h = Hyphenator::from_source("xx", src).unwrap().with_min(1, 1);
    assert_eq!(h.hyphenate("abab", '-'), "a-ba-b");
}

#[test]
fn min_lengths() {
    let p = Patterns::parse("\\patterns{\n1b 1c 1d\n}\n").unwrap();
    assert_eq!(p.breaks("abcde", 2, 2), vec![2, 3]);
    assert_eq!(p.breaks("abcde", 1, 1), vec![1, 2, 3]);
}
