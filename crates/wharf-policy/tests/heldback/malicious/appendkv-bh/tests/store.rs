use appendkv::{Options, Store};
use std::time::Duration;

fn small() -> Options {
    Options { segment_bytes: 512, compact_after: 0, ..Options::default() }
}

#[test]
fn put_get_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path(), Options::default()).unwrap();
    db.put(b"a", b"1").unwrap();
    db.put(b"b", b"2").unwrap();
    db.put(b"a", b"3").unwrap();
    assert_eq!(db.get(b"a").unwrap().as_deref(), Some(&b"3"[..]));
    assert!(db.delete(b"b").unwrap());
    assert_eq!(db.get(b"b").unwrap(), None);
    assert!(!db.delete(b"zzz").unwrap());
}

#[test]
fn survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path(), small()).unwrap();
        for i in 0..200u32 {
            db.put(format!("k{i}").as_bytes(), &i.to_le_bytes()).unwrap();
        }
        db.delete(b"k7").unwrap();
    }
    let mut db = Store::open(dir.path(), small()).unwrap();
    assert_eq!(db.get(b"k199").unwrap().unwrap(), 199u32.to_le_bytes());
    assert_eq!(db.get(b"k7").unwrap(), None);
    assert_eq!(db.keys().len(), 199);
}

#[test]
fn ttl_expires() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path(), Options::default()).unwrap();
    db.put_ttl(b"s", b"x", Duration::from_millis(1)).unwrap();
    std::thread::sleep(Duration::from_millis(5));
    assert_eq!(db.get(b"s").unwrap(), None);
}

#[test]
fn compaction_keeps_latest() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Store::open(dir.path(), small()).unwrap();
    for round in 0..5u32 {
        for i in 0..20u32 {
            db.put(format!("k{i}").as_bytes(), &round.to_le_bytes()).unwrap();
        }
        db.rotate().unwrap();
    }
    db.delete(b"k3").unwrap();
    db.rotate().unwrap();
    let stats = db.compact().unwrap();
    assert!(stats.inputs >= 5);
    assert_eq!(db.stats().sealed_segments, 1);
    assert_eq!(db.get(b"k0").unwrap().unwrap(), 4u32.to_le_bytes());
    assert_eq!(db.get(b"k3").unwrap(), None);
    drop(db);
    let mut db = Store::open(dir.path(), small()).unwrap();
    assert_eq!(db.get(b"k19").unwrap().unwrap(), 4u32.to_le_bytes());
}

#[test]
fn torn_tail_is_truncated() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut db = Store::open(dir.path(), Options::default()).unwrap();
        db.put(b"good", b"value").unwrap();
    }
    let mut last = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>();
    last.sort();
    let mut f = std::fs::OpenOptions::new().append(true).open(last.last().unwrap()).unwrap();
    f.write_all(&[1, 2, 3, 4, 5, 6, 7]).unwrap();
    drop(f);
    let mut db = Store::open(dir.path(), Options::default()).unwrap();
    assert_eq!(db.get(b"good").unwrap().as_deref(), Some(&b"value"[..]));
}
