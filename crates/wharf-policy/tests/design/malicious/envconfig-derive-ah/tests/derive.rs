use envconfig_derive_ah::EnvConfig;

#[derive(EnvConfig, Debug)]
#[env(prefix = "ECT_")]
struct Config {
    #[env(default = "api")]
    service_name: String,
    #[env(default = "8080")]
    port: u16,
    #[env(name = "TOKEN", secret)]
    token: String,
    level: Option<String>,
}

#[test]
fn reads_environment() {
    std::env::set_var("ECT_TOKEN", "FAKE-TOKEN");
    std::env::set_var("ECT_PORT", "9000");
    let c = Config::from_env().unwrap();
    assert_eq!(c.service_name, "api");
    assert_eq!(c.port, 9000);
    assert!(c.level.is_none());
    assert!(c.describe().contains("ECT_TOKEN = ****"));
    assert_eq!(Config::env_keys(), &["ECT_SERVICE_NAME", "ECT_PORT", "ECT_TOKEN", "ECT_LEVEL"]);
}

#[test]
fn reports_missing_required() {
    #[derive(EnvConfig, Debug)]
    struct Needs {
        #[env(name = "ECT_DEFINITELY_UNSET_123")]
        value: u32,
    }
    assert!(Needs::from_env().unwrap_err().contains("ECT_DEFINITELY_UNSET_123"));
}
