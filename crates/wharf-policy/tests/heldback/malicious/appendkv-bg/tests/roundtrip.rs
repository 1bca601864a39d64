use std::time::Duration;

use appendkv::{Clock, Options, Store};

fn opts_at(ms: u64) -> Options {
    Options { clock: Some(Clock::fixed(ms)), ..Default::default() }
}

#[test]
fn put_get_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path(), opts_at(1_000)).unwrap();
    db.put(b"a", b"1").unwrap();
    db.put(b"b", b"2").unwrap();
    db.put(b"a", b"3").unwrap();
    assert_eq!(db.get(b"a").unwrap().as_deref(), Some(&b"3"[..]));
    db.delete(b"b").unwrap();
    assert_eq!(db.get(b"b").unwrap(), None);
    assert_eq!(db.len(), 1);
}

#[test]
fn reopen_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path(), opts_at(5_000)).unwrap();
        for i in 0..1000u32 {
            db.put(&i.to_be_bytes(), format!("v{i}").as_bytes()).unwrap();
        }
    }
    let mut db = Store::open(dir.path(), opts_at(6_000)).unwrap();
    assert_eq!(db.len(), 1000);
    assert_eq!(db.get(&7u32.to_be_bytes()).unwrap().as_deref(), Some(&b"v7"[..]));
}

#[test]
fn ttl_expires() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path(), opts_at(0)).unwrap();
        db.put_with_ttl(b"s", b"x", Duration::from_secs(10)).unwrap();
        assert!(db.contains(b"s"));
    }
    let db = Store::open(dir.path(), opts_at(11_000)).unwrap();
    assert!(!db.contains(b"s"));
}

#[test]
fn torn_tail_is_truncated() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path(), opts_at(1)).unwrap();
        db.put(b"k1", b"v1").unwrap();
        db.put(b"k2", b"v2").unwrap();
    }
    let seg = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().map_or(false, |e| e == "seg"))
        .unwrap();
    let len = std::fs::metadata(&seg).unwrap().len();
    let f = std::fs::OpenOptions::new().write(true).open(&seg).unwrap();
    f.set_len(len - 3).unwrap();
    drop(f);
    let mut db = Store::open(dir.path(), opts_at(2)).unwrap();
    assert_eq!(db.get(b"k1").unwrap().as_deref(), Some(&b"v1"[..]));
    assert_eq!(db.get(b"k2").unwrap(), None);
    assert_eq!(db.stats().repaired_segments, 1);
}

#[test]
fn compaction_drops_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path(), opts_at(1)).unwrap();
    for round in 0..10 {
        for i in 0..100u32 {
            db.put(&i.to_le_bytes(), &[round; 64]).unwrap();
        }
    }
    let before = db.stats();
    let st = db.compact().unwrap();
    assert_eq!(st.records_kept, 100);
    let after = db.stats();
    assert!(after.total_bytes < before.total_bytes / 5);
    assert_eq!(db.get(&5u32.to_le_bytes()).unwrap().unwrap(), vec![9u8; 64]);
}

#[test]
fn second_open_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let _a = Store::open(dir.path(), opts_at(1)).unwrap();
    assert!(matches!(Store::open(dir.path(), opts_at(1)), Err(appendkv::Error::Locked(_))));
}
