use fsnotice::{BackendChoice, EventKind, WatchOptions, Watcher};
use std::time::Duration;

#[test]
fn sees_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let opts = WatchOptions { interval: Duration::from_millis(50), backend: BackendChoice::Poll, ..Default::default() };
    let w = Watcher::new(dir.path(), opts).unwrap();
    std::fs::write(dir.path().join("a.txt"), "x").unwrap();
    let ev = w.events().recv_timeout(Duration::from_secs(2)).unwrap();
    assert_eq!(ev.kind, EventKind::Created);
    assert!(ev.path.ends_with("a.txt"));
}
