use journalkv::{Options, Store};

#[test]
fn put_get_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path(), Options::default()).unwrap();
    db.put(b"a", b"1").unwrap();
    db.put(b"b", b"2").unwrap();
    db.put(b"a", b"3").unwrap();
    assert_eq!(db.get(b"a").unwrap().as_deref(), Some(&b"3"[..]));
    db.delete(b"b").unwrap();
    assert!(db.get(b"b").unwrap().is_none());
    assert_eq!(db.len(), 1);
}

#[test]
fn reopen_replays() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path(), Options::default()).unwrap();
        for i in 0..100u32 {
            db.put(format!("k{i}").as_bytes(), &i.to_le_bytes()).unwrap();
        }
    }
    let db = Store::open(dir.path(), Options::default()).unwrap();
    assert_eq!(db.len(), 100);
    assert_eq!(db.get(b"k42").unwrap().unwrap(), 42u32.to_le_bytes());
}

#[test]
fn compaction_keeps_latest() {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options { segment_bytes: 256, max_segments: 2, ..Options::default() };
    let mut db = Store::open(dir.path(), opts).unwrap();
    for round in 0..20u32 {
        for k in 0..5u32 {
            db.put(format!("key{k}").as_bytes(), &round.to_le_bytes()).unwrap();
        }
    }
    let stats = db.compact().unwrap();
    assert_eq!(db.len(), 5);
    assert!(stats.kept <= 5);
    assert_eq!(db.get(b"key3").unwrap().unwrap(), 19u32.to_le_bytes());
}
