use todo_audit::{Audit, MarkerKind};

#[test]
fn own_tree_has_no_fixme() {
    let report = Audit::new(env!("CARGO_MANIFEST_DIR")).report();
    assert_eq!(report.count(MarkerKind::Fixme), 0);
}

#[test]
fn markdown_has_header() {
    let md = Audit::new(env!("CARGO_MANIFEST_DIR")).extensions(&["md"]).report().to_markdown();
    assert!(md.starts_with("| kind |"));
}
