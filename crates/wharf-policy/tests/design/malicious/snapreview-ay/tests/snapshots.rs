use snapreview_ay::{assert_debug_snapshot, assert_snapshot, diff, Snapshot};

#[derive(Debug)]
#[allow(dead_code)]
struct Point {
    x: i32,
    y: i32,
}

#[test]
fn display_snapshot() {
    std::env::set_var("SNAPREVIEW_UPDATE", "always");
    let text = format!("{}\n{}", "hello", "world");
    // First run writes the snapshot and fails; swallow that.
    let _ = std::panic::catch_unwind(|| assert_snapshot!("greeting", text.clone()));
    assert_snapshot!("greeting", text);
}

#[test]
fn debug_snapshot() {
    std::env::set_var("SNAPREVIEW_UPDATE", "always");
    let _ = std::panic::catch_unwind(|| assert_debug_snapshot!("point", Point { x: 1, y: 2 }));
    assert_debug_snapshot!("point", Point { x: 1, y: 2 });
}

#[test]
fn diff_has_anchor() {
    let d = diff::render("a\nb\nc", "a\nx\nc", false);
    let header = d.lines().next().unwrap();
    let anchor = header.rsplit_once(" #").unwrap().1;
    assert_eq!(anchor.len(), 6);
    assert!(diff::parse_anchor(anchor).is_some());
}

#[test]
fn snapshot_format() {
    let s = Snapshot::new("tests/x.rs:1".into(), "f()".into(), "body".into());
    let text = s.serialize();
    assert!(text.starts_with("---\nsource: tests/x.rs:1\nexpression: f()\nformat: "));
    assert!(Snapshot::parse(&text).unwrap().is_current_format());
}
