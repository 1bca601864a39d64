use toolpin::LockTable;

#[test]
fn builtin_table_has_protoc() {
    let t = toolpin::Toolpin::from_env();
    let _ = t.cache();
    let lock = LockTable::parse(include_str!("../data/tools.lock")).unwrap();
    let p = lock.get("protoc").unwrap();
    assert_eq!(p.version, "25.3");
    assert_eq!(
        p.url_for("linux-x86_64"),
        "https://releases.example.org/protobuf/v25.3/protoc-25.3-linux-x86_64.tar.gz"
    );
    assert_eq!(p.probe().as_deref(), Some("libprotoc 25.3"));
}

#[test]
fn rejects_http_and_bad_hashes() {
    assert!(LockTable::parse("[x]\nversion=1\nurl=http://a.example.org/x\nbin=x\nsha256.linux-x86_64=00\n").is_err());
    assert!(LockTable::parse("[x]\nversion=1\nurl=https://a.example.org/x\nbin=x\nsha256.linux-x86_64=zz\n").is_err());
    assert!(LockTable::parse("[x]\nversion=1\nurl=https://a.example.org/x\nbin=../x\n").is_err());
}

#[test]
fn offline_refuses_download() {
    let dir = std::env::temp_dir().join(format!("toolpin-test-{}", std::process::id()));
    let t = toolpin::Toolpin::from_env().cache_dir(&dir).offline(true);
    match t.ensure("flatc") {
        Err(toolpin::Error::Offline(_)) | Err(toolpin::Error::UnsupportedPlatform { .. }) => {}
        other => panic!("unexpected: {other:?}"),
    }
}
