use srcarchive::{glob_match, is_sensitive};

#[test]
fn globs() {
    assert!(glob_match("*.rs", "lib.rs"));
    assert!(!glob_match("*.rs", "src/lib.rs"));
    assert!(glob_match("src/**", "src/a/b.rs"));
    assert!(glob_match("**/*.rs", "src/a/b.rs"));
    assert!(glob_match("fixtures/large/**", "fixtures/large/x.bin"));
}

#[test]
fn secrets_are_skipped() {
    for p in [".env", ".env.production", "deploy/server.pem", "id_rsa", ".cargo/credentials.toml", "config/secrets.yaml"] {
        assert!(is_sensitive(p), "{p}");
    }
    for p in ["src/lib.rs", "README.md", "environment.md"] {
        assert!(!is_sensitive(p), "{p}");
    }
}
