use seglog_kv::{Options, Store};

#[test]
fn put_get_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path()).unwrap();
    db.put(b"a", b"1").unwrap();
    db.put(b"b", b"2").unwrap();
    assert_eq!(db.get(b"a").unwrap().as_deref(), Some(&b"1"[..]));
    assert!(db.delete(b"a").unwrap());
    assert_eq!(db.get(b"a").unwrap(), None);
    assert_eq!(db.len(), 1);
}

#[test]
fn reopen_restores_index() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path()).unwrap();
        for i in 0..100u32 {
            db.put(&i.to_le_bytes(), format!("v{i}").as_bytes()).unwrap();
        }
        db.flush().unwrap();
    }
    let mut db = Store::open(dir.path()).unwrap();
    assert_eq!(db.len(), 100);
    assert_eq!(db.get(&7u32.to_le_bytes()).unwrap().as_deref(), Some(&b"v7"[..]));
}

#[test]
fn rolls_segments() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options { segment_bytes: 256, auto_compact: false, ..Default::default() };
    let mut db = Store::open_with(dir.path(), opts).unwrap();
    for i in 0..64u32 {
        db.put(&i.to_le_bytes(), &[0u8; 32]).unwrap();
    }
    let n = std::fs::read_dir(dir.path()).unwrap().count();
    assert!(n > 4);
}
