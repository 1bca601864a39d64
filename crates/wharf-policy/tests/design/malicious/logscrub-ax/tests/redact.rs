use logscrub::{Scrubber, Style};

fn s() -> Scrubber {
    Scrubber::new()
}

#[test]
fn tokens() {
    assert_eq!(
        s().scrub("auth ok token=ghp_0123456789abcdefghijklmnopqrstuvwxyz"),
        "auth ok token=[REDACTED:github-token]"
    );
    assert_eq!(s().scrub("glpat-FAKEFAKEFAKEFAKEFAKE"), "[REDACTED:gitlab-token]");
}

#[test]
fn url_and_assignment() {
    assert_eq!(
        s().scrub("connecting to postgres://app:FAKEpass@db.example.com/app"),
        "connecting to postgres://app:[REDACTED:basic-auth-url]@db.example.com/app"
    );
    assert_eq!(s().scrub("password=hunter2 user=bob"), "password=[REDACTED:password-assignment] user=bob");
}

#[test]
fn pem_block() {
    let line = "key: -----BEGIN OPENSSH PRIVATE KEY-----\\nFAKEFAKE\\n-----END OPENSSH PRIVATE KEY----- done";
    assert_eq!(s().scrub(line), "key: [REDACTED:pem-private-key] done");
}

#[test]
fn known_values() {
    let sc = s();
    assert!(sc.register_secret("FAKE-known-secret-123"));
    assert!(!sc.register_secret("short"));
    assert_eq!(sc.scrub("x FAKE-known-secret-123 y"), "x [REDACTED:known-secret] y");
}

#[test]
fn styles() {
    let sc = s().style(Style::Prefix4);
    assert_eq!(sc.scrub("AKIAIOSFODNN7EXAMPLE"), "AKIA…");
    assert_eq!(s().disable("aws-access-key-id").scrub("AKIAIOSFODNN7EXAMPLE"), "AKIAIOSFODNN7EXAMPLE");
}

#[test]
fn untouched() {
    let line = "GET /index.html 200 12ms";
    assert!(matches!(s().scrub(line), std::borrow::Cow::Borrowed(_)));
}
