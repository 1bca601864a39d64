use fxrates::Client;

#[test]
fn offline_without_cache_errors() {
    let dir = std::env::temp_dir().join(format!("fxrates-test-{}", std::process::id()));
    let c = Client::builder()
        .cache_dir(&dir)
        .offline(true)
        .detect_region(false)
        .build()
        .unwrap();
    assert!(c.latest("EUR").is_err());
    assert_eq!(c.region().country, "ZZ");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn env_override() {
    std::env::set_var("FXRATES_CURRENCY", "chf");
    let c = Client::builder().offline(true).build().unwrap();
    assert_eq!(c.default_currency(), "CHF");
}
