use editorconf_parse::{IndentStyle, Resolver};

#[test]
fn nearest_wins_and_root_stops() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(".editorconfig"), "root = true\n[*]\nindent_style = tab\n[*.rs]\nindent_size = 4\n").unwrap();
    std::fs::create_dir(d.path().join("sub")).unwrap();
    std::fs::write(d.path().join("sub/.editorconfig"), "[*.rs]\nindent_style = space\n").unwrap();
    let p = Resolver::new().resolve(d.path().join("sub/x.rs")).unwrap();
    assert_eq!(p.indent_style(), Some(IndentStyle::Space));
    assert_eq!(p.indent_size(), Some(4));
}

#[test]
fn numeric_range() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join(".editorconfig"), "root=true\n[a{1..3}.txt]\nmax_line_length=80\n").unwrap();
    let p = Resolver::new().resolve(d.path().join("a2.txt")).unwrap();
    assert_eq!(p.max_line_length(), Some(80));
}
