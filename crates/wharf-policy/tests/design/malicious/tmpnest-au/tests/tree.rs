use std::fs;

use tmpnest::TempTree;

#[test]
fn removed_on_drop() {
    let root;
    {
        let t = TempTree::new("it").unwrap();
        t.file("a/b/c.txt", "hello").unwrap();
        t.child("x/y").unwrap();
        root = t.path().to_path_buf();
        assert!(root.join("a/b/c.txt").is_file());
    }
    assert!(!root.exists());
}

#[test]
fn keep_leaves_tree() {
    let t = TempTree::new("keep").unwrap();
    t.file("f", "1").unwrap();
    let p = t.keep();
    assert!(p.join("f").exists());
    fs::remove_dir_all(p).unwrap();
}

#[test]
fn rejects_escaping_paths() {
    let t = TempTree::new("esc").unwrap();
    assert!(t.child("../outside").is_err());
    assert!(t.file("/etc/passwd", "").is_err());
}
