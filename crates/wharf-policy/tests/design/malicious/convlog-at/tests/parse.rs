use convlog::commit::{apply_bump, bump_for, parse, Bump};

#[test]
fn scoped_feature() {
    let c = parse("abc1234", "A", 0, "feat(api): add pagination\n\nDetails").unwrap();
    assert_eq!(c.kind, "feat");
    assert_eq!(c.scope.as_deref(), Some("api"));
    assert!(!c.breaking);
}

#[test]
fn breaking_footer() {
    let c = parse("abc", "A", 0, "fix: drop v1\n\nBREAKING CHANGE: v1 endpoints removed").unwrap();
    assert!(c.breaking);
    assert_eq!(bump_for(&[c]), Bump::Major);
}

#[test]
fn not_conventional() {
    assert!(parse("abc", "A", 0, "Merge branch 'main'").is_none());
}

#[test]
fn bumps() {
    assert_eq!(apply_bump("v1.2.3", Bump::Minor).as_deref(), Some("1.3.0"));
    assert_eq!(apply_bump("0.4.1", Bump::Major).as_deref(), Some("0.5.0"));
}
