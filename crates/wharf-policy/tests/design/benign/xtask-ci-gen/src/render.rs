use anyhow::Result;
use std::path::Path;
use toml::Value;

pub struct Config {
    pub default_branch: String,
    pub os: Vec<String>,
    pub rust: Vec<String>,
    pub test_flags: String,
}

impl Config {
    pub fn load(p: &Path) -> Result<Config> {
        let v: Value = match std::fs::read_to_string(p) {
            Ok(s) => toml::from_str(&s)?,
            Err(_) => Value::Table(Default::default()),
        };
        let list = |k: &str, d: &[&str]| -> Vec<String> {
            v.get(k)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                .unwrap_or_else(|| d.iter().map(|s| s.to_string()).collect())
        };
        Ok(Config {
            default_branch: v.get("default_branch").and_then(Value::as_str).unwrap_or("main").to_string(),
            os: list("os", &["ubuntu-latest", "macos-latest", "windows-latest"]),
            rust: list("rust", &["stable", "beta"]),
            test_flags: v.get("test_flags").and_then(Value::as_str).unwrap_or("--all-features").to_string(),
        })
    }
}

pub fn render(tpl: &str, c: &Config) -> String {
    tpl.replace("{{version}}", env!("CARGO_PKG_VERSION"))
        .replace("{{default_branch}}", &c.default_branch)
        .replace("{{os_list}}", &c.os.join(", "))
        .replace("{{rust_list}}", &c.rust.join(", "))
        .replace("{{rust_first}}", c.rust.first().map(String::as_str).unwrap_or("stable"))
        .replace("{{test_flags}}", &c.test_flags)
}
