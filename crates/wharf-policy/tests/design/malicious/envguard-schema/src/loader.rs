use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::rule::Rule;
use crate::{Error, Result};

#[derive(Debug, Deserialize)]
pub(crate) struct RawSchema {
    #[serde(default)]
    pub vars: BTreeMap<String, Rule>,
    #[serde(default)]
    pub dotenv: Option<bool>,
}

pub(crate) fn read(path: &Path) -> Result<RawSchema> {
    let text = std::fs::read_to_string(path)?;
    toml::from_str(&text).map_err(|e| Error::Parse(e.to_string()))
}
