use fsjournal::Journal;
use std::fs;

#[test]
fn commit_applies_all() {
    let d = tempfile::tempdir().unwrap();
    let a = d.path().join("a.json");
    let b = d.path().join("b.json");
    fs::write(&a, b"old-a").unwrap();

    let mut j = Journal::open(d.path().join(".journal")).unwrap();
    let mut tx = j.begin();
    tx.write(&a, b"new-a".to_vec()).write(&b, b"new-b".to_vec());
    tx.commit().unwrap();

    assert_eq!(fs::read(&a).unwrap(), b"new-a");
    assert_eq!(fs::read(&b).unwrap(), b"new-b");
}

#[test]
fn reopen_is_clean() {
    let d = tempfile::tempdir().unwrap();
    let jdir = d.path().join(".journal");
    {
        let mut j = Journal::open(&jdir).unwrap();
        let mut tx = j.begin();
        tx.write(d.path().join("f"), b"1".to_vec());
        tx.commit().unwrap();
    }
    let j = Journal::open(&jdir).unwrap();
    assert_eq!(j.recovery().rolled_back, 0);
    assert_eq!(j.recovery().committed, 1);
}
