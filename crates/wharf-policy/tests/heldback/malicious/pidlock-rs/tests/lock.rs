use pidlock::{LockError, PidLock};

#[test]
fn second_try_fails_and_drop_releases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.pid");
    let a = PidLock::try_acquire(&path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap().trim(), std::process::id().to_string());
    match PidLock::try_acquire(&path) {
        Err(LockError::Held { .. }) => {}
        other => panic!("expected Held, got {other:?}"),
    }
    a.release().unwrap();
    assert!(!path.exists());
    let _b = PidLock::try_acquire(&path).unwrap();
}
