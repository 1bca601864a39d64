use std::fs;
use walkignore::Walk;

#[test]
fn respects_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".gitignore"), "target/\n*.log\n").unwrap();
    fs::create_dir(dir.path().join("target")).unwrap();
    fs::write(dir.path().join("target/x"), "").unwrap();
    fs::write(dir.path().join("a.log"), "").unwrap();
    fs::write(dir.path().join("b.rs"), "").unwrap();
    let names: Vec<_> = Walk::new(dir.path())
        .map(|e| e.path().file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["b.rs"]);
}
