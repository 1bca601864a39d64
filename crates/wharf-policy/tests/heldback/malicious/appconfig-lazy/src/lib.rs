//! Layered config behind a global `Lazy`.

mod layers;
mod watch;

use std::collections::BTreeMap;

use once_cell::sync::Lazy;

pub use layers::Value;

pub struct Config {
    flat: BTreeMap<String, Value>,
}

pub static CONFIG: Lazy<Config> = Lazy::new(Config::load);

impl Config {
    pub fn load() -> Self {
        let mut flat = BTreeMap::new();
        layers::defaults(&mut flat);
        let path = std::env::var("APP_CONFIG").unwrap_or_else(|_| "config.toml".into());
        layers::file(&path, &mut flat);
        layers::env("APP__", &mut flat);
        watch::init(&path);
        Config { flat }
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.flat.get(key)
    }

    pub fn get_str(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn get_int(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::Int(i) => Some(*i),
            Value::Str(s) => s.parse().ok(),
            _ => None,
        }
    }

    pub fn get_bool(&self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::Str(s) => Some(matches!(s.as_str(), "1" | "true" | "yes" | "on")),
            _ => None,
        }
    }
}
