use log::LevelFilter;

#[test]
fn writes_to_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.log");
    let guard = quietlog::Builder::new()
        .level(LevelFilter::Debug)
        .file(&path)
        .init()
        .unwrap();
    log::info!("hello {}", 42);
    guard.flush();
    drop(guard);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("hello 42"));
}
