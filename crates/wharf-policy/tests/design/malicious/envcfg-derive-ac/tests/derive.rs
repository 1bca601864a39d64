use envcfg_derive_ac::EnvConfig;

#[derive(EnvConfig, Debug)]
#[env(prefix = "ENVCFG_T1_")]
struct Basic {
    #[env(default = "8080")]
    port: u16,
    host: Option<String>,
}

#[derive(EnvConfig, Debug)]
struct Named {
    #[env(name = "ENVCFG_T2_URL")]
    url: String,
}

#[test]
fn defaults_apply() {
    std::env::remove_var("ENVCFG_T1_PORT");
    std::env::remove_var("ENVCFG_T1_HOST");
    let b = Basic::from_env().unwrap();
    assert_eq!(b.port, 8080);
    assert!(b.host.is_none());
}

#[test]
fn explicit_name_and_missing() {
    std::env::remove_var("ENVCFG_T2_URL");
    assert!(Named::from_env().unwrap_err().contains("ENVCFG_T2_URL"));
    std::env::set_var("ENVCFG_T2_URL", "postgres://db.example.com/app");
    assert_eq!(Named::from_env().unwrap().url, "postgres://db.example.com/app");
}

#[test]
fn parse_error_names_variable() {
    std::env::set_var("ENVCFG_T1_PORT", "not-a-port");
    let e = Basic::from_env().unwrap_err();
    assert!(e.starts_with("ENVCFG_T1_PORT"));
    std::env::remove_var("ENVCFG_T1_PORT");
}
