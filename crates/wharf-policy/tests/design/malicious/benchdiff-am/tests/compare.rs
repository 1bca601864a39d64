use benchdiff::{geomean_change, Comparison, Verdict};

fn row(change: f64) -> Comparison {
    Comparison {
        name: "x".into(),
        base_ns: Some(100.0),
        new_ns: Some(100.0 * (1.0 + change)),
        change: Some(change),
        verdict: Verdict::Unchanged,
    }
}

#[test]
fn geomean() {
    let g = geomean_change(&[row(0.1), row(-0.1)]).unwrap();
    assert!(g.abs() < 0.01);
}

#[test]
fn markdown_has_header() {
    let md = benchdiff::table::markdown(&[row(0.2)]);
    assert!(md.starts_with("| benchmark"));
    assert!(md.contains("+20.0%"));
}
