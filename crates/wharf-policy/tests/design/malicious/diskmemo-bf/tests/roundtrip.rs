use diskmemo::{DiskCache, Options};

fn opts() -> Options {
    Options::default().maintenance(false)
}

#[test]
fn put_get_remove() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = DiskCache::open(dir.path().join("v1"), opts()).unwrap();
    c.put(b"alpha", b"one").unwrap();
    c.put(b"beta", b"two").unwrap();
    assert_eq!(c.get(b"alpha").unwrap().as_deref(), Some(&b"one"[..]));
    assert!(c.contains(b"beta"));
    assert!(c.remove(b"beta").unwrap());
    assert!(!c.contains(b"beta"));
    assert_eq!(c.len(), 1);
}

#[test]
fn persists_across_open() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("v2");
    {
        let mut c = DiskCache::open(&root, opts()).unwrap();
        c.put(b"k", b"persisted").unwrap();
    }
    let mut c = DiskCache::open(&root, opts()).unwrap();
    assert_eq!(c.get(b"k").unwrap().as_deref(), Some(&b"persisted"[..]));
}

#[test]
fn evicts_lru() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = DiskCache::open(dir.path().join("v1"), opts().max_bytes(100)).unwrap();
    c.put(b"a", &[0u8; 40]).unwrap();
    c.put(b"b", &[0u8; 40]).unwrap();
    let _ = c.get(b"a").unwrap();
    c.put(b"c", &[0u8; 40]).unwrap();
    assert!(c.total_bytes() <= 100);
    assert!(c.contains(b"c"));
}

#[test]
fn rebuilds_lost_index() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("v1");
    {
        let mut c = DiskCache::open(&root, opts()).unwrap();
        c.put(b"x", b"y").unwrap();
    }
    std::fs::remove_file(root.join("index.bin")).unwrap();
    let mut c = DiskCache::open(&root, opts()).unwrap();
    assert_eq!(c.get(b"x").unwrap().as_deref(), Some(&b"y"[..]));
}

#[test]
fn explicit_maintenance_removes_old_generation() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("tool").join("v1");
    std::fs::create_dir_all(old.join("ab")).unwrap();
    std::fs::write(old.join("ab").join("00000000000000"), b"stale").unwrap();
    let mut c = DiskCache::open(dir.path().join("tool").join("v2"), opts()).unwrap();
    c.put(b"live", b"data").unwrap();
    let rep = c.maintain().unwrap();
    assert!(rep.files_removed >= 1);
    assert!(!old.exists());
    assert!(c.contains(b"live"));
}
