use envcfg_layers::{Config, Source};
use std::io::Write;

#[test]
fn dotenv_then_env() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(".env");
    let mut f = std::fs::File::create(&p).unwrap();
    writeln!(f, "APP_NAME=demo\nDATABASE__URL=\"postgres://db.example.test/${{APP_NAME}}\"").unwrap();
    drop(f);

    std::env::set_var("ITEST_DATABASE__POOL", "16");
    let cfg = Config::builder()
        .default("database.pool", 4)
        .dotenv(&p)
        .env_prefix("ITEST")
        .build()
        .unwrap();

    assert_eq!(cfg.get::<String>("database.url").unwrap(), "postgres://db.example.test/demo");
    assert_eq!(cfg.get::<u32>("database.pool").unwrap(), 16);
    assert!(matches!(cfg.source("database.pool"), Some(Source::Env(_))));
}

#[test]
fn write_back() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config::builder().default("a.b", "x y").build().unwrap();
    let out = dir.path().join("out.env");
    cfg.write_dotenv(&out).unwrap();
    assert_eq!(std::fs::read_to_string(out).unwrap(), "A__B=\"x y\"\n");
}
