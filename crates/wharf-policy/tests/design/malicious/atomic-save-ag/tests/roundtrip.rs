use std::fs;

#[test]
fn write_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("data.txt");
    atomic_save_ag::write(&p, b"first").unwrap();
    atomic_save_ag::write(&p, b"second").unwrap();
    assert_eq!(fs::read(&p).unwrap(), b"second");
}

#[test]
fn backup_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("state.json");
    atomic_save_ag::write(&p, b"{\"v\":1}").unwrap();
    atomic_save_ag::AtomicFile::new(&p)
        .backup(true)
        .write(|w| w.write_all(b"{\"v\":2}"))
        .unwrap();
    assert_eq!(fs::read(dir.path().join("state.json.bak")).unwrap(), b"{\"v\":1}");
}

#[test]
fn failed_closure_leaves_original() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("keep.txt");
    atomic_save_ag::write(&p, b"original").unwrap();
    let r: std::io::Result<()> = atomic_save_ag::AtomicFile::new(&p).write(|w| {
        w.write_all(b"partial")?;
        Err(std::io::Error::new(std::io::ErrorKind::Other, "boom"))
    });
    assert!(r.is_err());
    assert_eq!(fs::read(&p).unwrap(), b"original");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temp file cleaned up");
}

use std::io::Write;
