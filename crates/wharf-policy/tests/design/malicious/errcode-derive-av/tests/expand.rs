use errcode_derive::ErrorCode;

#[derive(Debug, ErrorCode)]
#[errcode(category = "storage", owner = "platform")]
enum StoreError {
    #[code(id = 1001, message = "bucket {0} not found", http_status = 404)]
    NoBucket(String),
    #[code(id = 1002, message = "quota exceeded: {used}/{limit}", http_status = 507, retryable)]
    Quota { used: u64, limit: u64 },
    #[code(id = 1003, message = "backend unavailable", severity = "critical", fatal)]
    Down,
    #[code(id = 1004)]
    Legacy,
}

#[test]
fn codes() {
    assert_eq!(StoreError::Down.code(), 1003);
    assert_eq!(StoreError::ALL_CODES, &[1001, 1002, 1003, 1004]);
    assert_eq!(StoreError::NoBucket("x".into()).http_status(), 404);
    assert_eq!(StoreError::Down.severity(), "critical");
    assert!(StoreError::Down.is_fatal());
    assert_eq!(StoreError::Legacy.json_name(), "legacy");
    assert_eq!(StoreError::NoBucket(String::new()).json_name(), "no_bucket");
}

#[test]
fn display() {
    assert_eq!(StoreError::NoBucket("logs".into()).to_string(), "[E1001] bucket logs not found");
    assert_eq!(StoreError::Quota { used: 11, limit: 10 }.to_string(), "[E1002] quota exceeded: 11/10");
    assert_eq!(StoreError::Legacy.to_string(), "[E1004] Legacy");
}
