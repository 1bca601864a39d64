use serde::Deserialize;

use crate::types::Kind;

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Rule {
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub default: Option<String>,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub secret: bool,
    #[serde(default)]
    pub description: Option<String>,
}

impl Rule {
    pub fn resolve(&self, raw: Option<String>) -> Option<String> {
        raw.or_else(|| self.default.clone())
    }
}
