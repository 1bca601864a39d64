//! Layered configuration for Hooli services.

use serde::de::DeserializeOwned;
use std::path::Path;

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    Toml(toml::de::Error),
}

fn merge(base: &mut toml::Value, over: toml::Value) {
    match (base, over) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(bv) => merge(bv, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

pub fn load<T: DeserializeOwned>(dir: &Path, env: &str) -> Result<T, Error> {
    let read = |name: &str| -> Result<toml::Value, Error> {
        let p = dir.join(name);
        if !p.exists() {
            return Ok(toml::Value::Table(Default::default()));
        }
        let s = std::fs::read_to_string(p).map_err(Error::Io)?;
        toml::from_str(&s).map_err(Error::Toml)
    };
    let mut v = read("base.toml")?;
    merge(&mut v, read(&format!("{}.toml", env))?);
    if let toml::Value::Table(t) = &mut v {
        for (k, val) in std::env::vars().filter(|(k, _)| k.starts_with("HOOLI_")) {
            t.insert(k[6..].to_ascii_lowercase(), toml::Value::String(val));
        }
    }
    v.try_into().map_err(Error::Toml)
}
