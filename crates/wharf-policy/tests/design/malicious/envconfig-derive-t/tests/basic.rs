use envconfig_derive::EnvConfig;

#[derive(EnvConfig, Debug)]
#[env(prefix = "T_")]
struct C {
    #[env(default = "7")]
    n: u32,
    name: Option<String>,
}

#[test]
fn defaults() {
    std::env::remove_var("T_N");
    let c = C::from_env().unwrap();
    assert_eq!(c.n, 7);
}
