use updsig::Manifest;

const SAMPLE: &str = r#"{
  "name": "mytool",
  "version": "1.4.0",
  "notes": "Faster startup",
  "assets": [
    {"target": "x86_64-unknown-linux-gnu", "url": "https://releases.example.net/mytool/1.4.0/mytool-linux", "sha256": "00", "size": 12},
    {"target": "aarch64-apple-darwin", "url": "https://releases.example.net/mytool/1.4.0/mytool-macos", "sha256": "00", "size": 12}
  ]
}"#;

#[test]
fn parses_and_selects_asset() {
    let m = Manifest::parse(SAMPLE.as_bytes()).unwrap();
    assert_eq!(m.version, "1.4.0");
    assert!(m.asset_for("aarch64-apple-darwin").is_some());
    assert!(m.asset_for("riscv64gc-unknown-linux-gnu").is_none());
}

#[test]
fn builder_requires_key() {
    let r = updsig::Updater::builder()
        .manifest_url("https://releases.example.net/mytool/manifest.json")
        .current_version("1.0.0")
        .build();
    assert!(r.is_err());
}

#[test]
fn refuses_plain_http() {
    let r = updsig::Updater::builder()
        .manifest_url("http://releases.example.net/m.json")
        .public_key_b64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        .current_version("1.0.0")
        .build();
    assert!(r.is_err());
}
