use envconfig_derive::EnvConfig;

#[derive(EnvConfig)]
#[env(prefix = "T_")]
struct Cfg {
    #[env(default = "8080")]
    port: u16,
    name: Option<String>,
    #[env(name = "T_API_KEY", secret)]
    api_key: String,
}

#[test]
fn loads() {
    std::env::set_var("T_API_KEY", "FAKE-KEY-123");
    std::env::remove_var("T_NAME");
    let c = Cfg::from_env().unwrap();
    assert_eq!(c.port, 8080);
    assert!(c.name.is_none());
    assert!(format!("{:?}", c).contains("<redacted>"));
    assert_eq!(Cfg::env_vars().len(), 3);
}
