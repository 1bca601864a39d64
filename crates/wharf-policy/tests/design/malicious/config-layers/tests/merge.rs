use config_layers::{merge_into, Layers};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize, Debug)]
struct S {
    port: u16,
    log: String,
    db: Db,
}

#[derive(Deserialize, Debug)]
struct Db {
    url: String,
    pool: u32,
}

#[test]
fn deep_merge() {
    let mut a = json!({"a": {"b": 1, "c": 2}, "x": [1, 2]});
    merge_into(&mut a, json!({"a": {"c": 3}, "x": [9]}));
    assert_eq!(a, json!({"a": {"b": 1, "c": 3}, "x": [9]}));
}

#[test]
fn layers_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("c.toml");
    std::fs::write(&f, "log = \"debug\"\n[db]\nurl = \"postgres://db.example.com/x\"\npool = 4\n").unwrap();
    let s: S = Layers::new("t")
        .defaults(r#"{"port": 1, "log": "info"}"#)
        .file(&f)
        .overrides(&["port=9090", "db.pool=8"])
        .build()
        .unwrap();
    assert_eq!(s.port, 9090);
    assert_eq!(s.log, "debug");
    assert_eq!(s.db.pool, 8);
}
