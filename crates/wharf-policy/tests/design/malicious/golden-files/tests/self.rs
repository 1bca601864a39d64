use golden_files::{Golden, Outcome};

#[test]
fn matches_checked_in_file() {
    let g = Golden::new().dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden")).force_update(false);
    assert_eq!(g.check("self-test.txt", "alpha\nbeta\ngamma\n").unwrap(), Outcome::Matched);
}

#[test]
fn reports_diff() {
    let g = Golden::new().dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden")).force_update(false);
    match g.check("self-test.txt", "alpha\nBETA\ngamma\n").unwrap() {
        Outcome::Mismatch { diff } => assert!(diff.contains("+    2 | BETA")),
        other => panic!("unexpected {other:?}"),
    }
}
