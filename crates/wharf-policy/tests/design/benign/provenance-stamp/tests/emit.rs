use provenance_stamp::Stamp;

#[test]
fn refuses_secret_names_and_writes_file() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("OUT_DIR", dir.path());
    std::env::set_var("MY_API_TOKEN", "FAKE-token-value");
    std::env::set_var("BUILD_FLAVOR", "nightly");
    let path = Stamp::new().capture_env(["MY_API_TOKEN", "BUILD_FLAVOR"]).emit().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("ENV_BUILD_FLAVOR: &str = \"nightly\""));
    assert!(!text.contains("FAKE-token-value"));
}
