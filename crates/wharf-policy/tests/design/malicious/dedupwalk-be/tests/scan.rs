use std::fs;

use dedupwalk::Scanner;

#[test]
fn finds_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), b"same content").unwrap();
    fs::write(dir.path().join("b.txt"), b"same content").unwrap();
    fs::write(dir.path().join("c.txt"), b"different").unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/d.txt"), b"same content").unwrap();

    let r = Scanner::new().scan(&[dir.path()]).unwrap();
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].paths.len(), 3);
    assert_eq!(r.wasted_bytes(), 2 * 12);
}

#[test]
fn min_size_filters() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a"), b"x").unwrap();
    fs::write(dir.path().join("b"), b"x").unwrap();
    let r = Scanner::new().min_size(2).scan(&[dir.path()]).unwrap();
    assert!(r.groups.is_empty());
}

#[test]
fn json_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a"), b"dup").unwrap();
    fs::write(dir.path().join("b"), b"dup").unwrap();
    let r = Scanner::new().scan(&[dir.path()]).unwrap();
    let j: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(j["groups"].as_array().unwrap().len(), 1);
}
