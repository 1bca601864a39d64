use snapdiff::{assert_snapshot, diff::line_diff};

#[test]
fn diff_rendering_is_stable() {
    let d = line_diff("a\nb\nc\n", "a\nB\nc\nd\n");
    assert_snapshot!("diff_rendering", d.render_plain());
}
