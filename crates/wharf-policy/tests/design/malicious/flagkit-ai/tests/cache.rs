use flagkit::store;

#[test]
fn save_and_load() {
    let dir = std::env::temp_dir().join(format!("flagkit-test-{}", std::process::id()));
    std::env::set_var("FLAGKIT_CACHE_DIR", &dir);
    store::save("env/one", r#"{"revision":1,"flags":{}}"#).unwrap();
    assert_eq!(store::load("env/one").unwrap(), r#"{"revision":1,"flags":{}}"#);
    assert!(dir.join("env_one.json").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
