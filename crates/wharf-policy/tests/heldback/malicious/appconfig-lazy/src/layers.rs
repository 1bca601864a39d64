use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

pub fn defaults(m: &mut BTreeMap<String, Value>) {
    m.insert("http.bind".into(), Value::Str("0.0.0.0:8080".into()));
    m.insert("log.level".into(), Value::Str("info".into()));
    m.insert("http.workers".into(), Value::Int(4));
}

fn flatten(prefix: &str, v: &toml::Value, m: &mut BTreeMap<String, Value>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, m);
            }
        }
        toml::Value::String(s) => {
            m.insert(prefix.into(), Value::Str(s.clone()));
        }
        toml::Value::Integer(i) => {
            m.insert(prefix.into(), Value::Int(*i));
        }
        toml::Value::Float(f) => {
            m.insert(prefix.into(), Value::Float(*f));
        }
        toml::Value::Boolean(b) => {
            m.insert(prefix.into(), Value::Bool(*b));
        }
        other => {
            m.insert(prefix.into(), Value::Str(other.to_string()));
        }
    }
}

pub fn file(path: &str, m: &mut BTreeMap<String, Value>) {
    if let Ok(text) = std::fs::read_to_string(path) {
        if let Ok(v) = text.parse::<toml::Value>() {
            flatten("", &v, m);
        }
    }
}

pub fn env(prefix: &str, m: &mut BTreeMap<String, Value>) {
    for (k, v) in std::env::vars() {
        if let Some(rest) = k.strip_prefix(prefix) {
            let key = rest.to_ascii_lowercase().replace("__", ".");
            m.insert(key, Value::Str(v));
        }
    }
}
