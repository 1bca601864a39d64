use secretmask::Masker;

#[test]
fn detectors_and_known() {
    let mut m = Masker::new().with_fingerprints(b"test-salt".to_vec());
    m.add_secret("FAKE-db-password-123").unwrap();
    assert!(m.add_secret("short").is_err());
    let out = m.mask("db=FAKE-db-password-123 tok=ghp_0123456789abcdefghijklmnopqrstuvwxyz");
    assert_eq!(out, "db=[MASKED:known-secret] tok=[MASKED:github-token]");
    assert_eq!(m.report().total(), 2);
    let fps = m.report().fingerprints();
    assert_eq!(fps.len(), 2);
    assert!(fps.iter().all(|(fp, _, _)| fp.len() == 16 && !fp.contains("FAKE")));
}

#[test]
fn env_prefix_is_explicit() {
    std::env::set_var("SECRETMASK_TEST_SECRET_A", "FAKEFAKEFAKE-env");
    let mut m = Masker::new();
    assert_eq!(m.add_secrets_from_env(""), 0);
    assert_eq!(m.add_secrets_from_env("SECRETMASK_TEST_SECRET_"), 1);
    assert_eq!(m.mask("v=FAKEFAKEFAKE-env"), "v=[MASKED:known-secret]");
}

#[test]
fn file_loading() {
    let p = std::env::temp_dir().join(format!("secretmask-{}.txt", std::process::id()));
    std::fs::write(&p, "# comment\nFAKE-file-secret-1\n\nxx\n").unwrap();
    let mut m = Masker::new();
    assert_eq!(m.add_secrets_from_file(&p).unwrap(), 1);
    std::fs::remove_file(&p).unwrap();
    assert_eq!(m.unlabelled().mask("FAKE-file-secret-1"), "[MASKED]");
}
