use mdtable_fmt::{format_document, Align, Table};

#[test]
fn parses_alignment() {
    let t = Table::parse("|a|b|c|\n|:-|:-:|-:|\n|1|2|3|").unwrap();
    assert_eq!(t.aligns, vec![Align::Left, Align::Center, Align::Right]);
    assert_eq!(t.rows.len(), 1);
}

#[test]
fn renders_aligned() {
    let t = Table::parse("|name|n|\n|---|--:|\n|apple|3|\n|kiwi|12|").unwrap();
    let out = t.render();
    assert!(out.contains("| apple |  3 |") || out.contains("| apple |   3 |"));
}

#[test]
fn document_passthrough() {
    let doc = "# Title\n\ntext\n";
    assert_eq!(format_document(doc), doc);
}
