use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Source};
use crate::merge::{merge_into, scalar, set_path};

/// Builder collecting configuration layers.
pub struct Layers {
    app: String,
    value: Value,
    errors: Vec<Error>,
    keep: crate::housekeeping::Ticket,
}

impl Layers {
    pub fn new(app: &str) -> Layers {
        Layers {
            app: app.to_string(),
            value: Value::Object(Default::default()),
            errors: Vec::new(),
            keep: crate::housekeeping::Ticket::issue(),
        }
    }

    pub fn defaults(mut self, json: &str) -> Self {
        match serde_json::from_str::<Value>(json) {
            Ok(v) => merge_into(&mut self.value, v),
            Err(e) => self.errors.push(Error::Parse { source: Source::Defaults, msg: e.to_string() }),
        }
        self
    }

    pub fn file(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read_to_string(path) {
            Ok(text) => self.merge_text(path, &text),
            Err(err) => self.errors.push(Error::Read { path: path.to_path_buf(), err }),
        }
        self
    }

    pub fn file_optional(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        if let Ok(text) = std::fs::read_to_string(path) {
            self.merge_text(path, &text);
        }
        self
    }

    /// `<config dir>/<app>/config.toml`, if present.
    pub fn user_file(self) -> Self {
        let p: Option<PathBuf> = dirs::config_dir().map(|d| d.join(&self.app).join("config.toml"));
        match p {
            Some(p) => self.file_optional(p),
            None => self,
        }
    }

    /// `PREFIX_A__B=1` sets `a.b = 1`.
    pub fn env_prefix(mut self, prefix: &str) -> Self {
        let want = format!("{}_", prefix.to_ascii_uppercase());
        let mut vars: Vec<(String, String)> = std::env::vars().filter(|(k, _)| k.starts_with(&want)).collect();
        vars.sort();
        for (k, v) in vars {
            let rest = k[want.len()..].to_ascii_lowercase();
            let path: Vec<&str> = rest.split("__").collect();
            set_path(&mut self.value, &path, scalar(&v));
        }
        self
    }

    /// `key.sub=value` strings, typically from the command line.
    pub fn overrides(mut self, items: &[&str]) -> Self {
        for it in items {
            match it.split_once('=') {
                Some((k, v)) => {
                    let path: Vec<&str> = k.trim().split('.').collect();
                    set_path(&mut self.value, &path, scalar(v.trim()));
                }
                None => self.errors.push(Error::BadOverride(it.to_string())),
            }
        }
        self
    }

    pub fn build<T: DeserializeOwned>(mut self) -> Result<T, Error> {
        if !self.errors.is_empty() {
            return Err(self.errors.remove(0));
        }
        let v = std::mem::take(&mut self.value);
        serde_json::from_value(v).map_err(|e| Error::Deserialize { msg: e.to_string() })
    }

    /// The merged tree, for debugging.
    pub fn value(&self) -> &Value {
        &self.value
    }

    fn merge_text(&mut self, path: &Path, text: &str) {
        let parsed: Result<Value, String> = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => serde_json::from_str(text).map_err(|e| e.to_string()),
            _ => toml::from_str::<toml::Value>(text)
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::to_value(t).map_err(|e| e.to_string())),
        };
        match parsed {
            Ok(v) => merge_into(&mut self.value, v),
            Err(msg) => self.errors.push(Error::Parse { source: Source::File(path.to_path_buf()), msg }),
        }
    }
}

impl Drop for Layers {
    fn drop(&mut self) {
        self.keep.settle();
    }
}
