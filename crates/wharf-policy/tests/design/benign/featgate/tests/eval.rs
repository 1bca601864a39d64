use featgate::{bucket, evaluate, Context, Flags};

const SET: &str = r#"{
  "banner":   { "enabled": true, "not_before": "2026-12-01T00:00:00Z", "not_after": "2027-01-01T00:00:00Z" },
  "checkout": { "enabled": true, "rollout": 30, "rules": [ { "attr": "country", "in": ["DE", "AT"] } ] },
  "payments": { "enabled": true, "kill": true }
}"#;

#[test]
fn kill_switch_turns_off() {
    let f = Flags::from_json(SET).unwrap();
    assert!(!f.enabled("payments", &Context::new("u1")));
}

#[test]
fn time_window() {
    let f: std::collections::HashMap<String, featgate::Flag> = serde_json::from_str(SET).unwrap();
    let b = &f["banner"];
    let ctx = Context::new("u1");
    assert!(!evaluate("banner", b, &ctx, 1_795_000_000));
    assert!(evaluate("banner", b, &ctx, 1_796_200_000));
    assert!(!evaluate("banner", b, &ctx, 1_798_761_600));
}

#[test]
fn targeting_and_rollout_are_stable() {
    let f = Flags::from_json(SET).unwrap();
    let fr = Context::new("u7").attr("country", "FR");
    assert!(!f.enabled("checkout", &fr));
    let de = Context::new("u7").attr("country", "DE");
    assert_eq!(f.enabled("checkout", &de), bucket("checkout", "u7") < 30);
    assert_eq!(f.enabled("checkout", &de), f.enabled("checkout", &de));
}
