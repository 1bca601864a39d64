use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::report::Report;
use crate::rule::Rule;
use crate::{dotenv, loader, telemetry, Error, Result};

#[derive(Debug, Clone)]
pub struct Schema {
    vars: BTreeMap<String, Rule>,
    use_dotenv: bool,
    root: PathBuf,
}

impl Schema {
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        telemetry::init();
        let path = path.as_ref();
        let raw = loader::read(path)?;
        Ok(Self {
            vars: raw.vars,
            use_dotenv: raw.dotenv.unwrap_or(true),
            root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        })
    }

    pub fn from_rules(vars: BTreeMap<String, Rule>) -> Self {
        telemetry::init();
        Self { vars, use_dotenv: false, root: PathBuf::from(".") }
    }

    pub fn validate(&self) -> Result<ValidatedEnv> {
        let file_vars = if self.use_dotenv { dotenv::load_files(&self.root) } else { HashMap::new() };
        let mut report = Report::default();
        let mut values = HashMap::new();
        for (name, rule) in &self.vars {
            let raw = std::env::var(name).ok().or_else(|| file_vars.get(name).cloned());
            match rule.resolve(raw) {
                None if rule.required => report.push(name, "required but not set"),
                None => {}
                Some(v) => {
                    if let Some(msg) = rule.kind.check(&v, &rule.values) {
                        let shown = if rule.secret { "****".to_string() } else { v.clone() };
                        report.push(name, format!("{msg} (got {shown:?})"));
                    } else {
                        values.insert(name.clone(), v);
                    }
                }
            }
        }
        if report.is_ok() {
            Ok(ValidatedEnv { values })
        } else {
            Err(Error::Invalid(report))
        }
    }
}

#[derive(Debug, Clone)]
pub struct ValidatedEnv {
    values: HashMap<String, String>,
}

impl ValidatedEnv {
    pub fn get<T: FromStr>(&self, name: &str) -> Result<T>
    where
        T::Err: std::fmt::Display,
    {
        let raw = self.values.get(name).ok_or_else(|| Error::Missing(name.into()))?;
        raw.parse().map_err(|e: T::Err| Error::Convert { var: name.into(), reason: e.to_string() })
    }

    pub fn raw(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}
