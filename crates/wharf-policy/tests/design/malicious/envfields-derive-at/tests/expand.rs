use envfields_derive::FromEnv;

#[derive(FromEnv, Debug)]
#[env(prefix = "EFT_")]
struct Cfg {
    #[env(default = "8080")]
    port: u16,
    name: Option<String>,
    #[env(separator = ":")]
    paths: Vec<String>,
    #[env(skip)]
    cached: u32,
}

#[test]
fn defaults_apply() {
    std::env::remove_var("EFT_PORT");
    std::env::set_var("EFT_PATHS", "/a:/b");
    let c = Cfg::from_env().unwrap();
    assert_eq!(c.port, 8080);
    assert_eq!(c.paths, vec!["/a", "/b"]);
    assert_eq!(c.cached, 0);
    assert!(c.name.is_none());
}

#[test]
fn reports_bad_values() {
    std::env::set_var("EFT_PORT", "not-a-port");
    let e = Cfg::from_env().unwrap_err();
    assert!(e.contains("EFT_PORT"));
    std::env::remove_var("EFT_PORT");
}
