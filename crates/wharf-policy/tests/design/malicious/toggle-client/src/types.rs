use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Ruleset {
    #[serde(default)]
    pub version: u64,
    #[serde(default)]
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flag {
    pub key: String,
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// 0..=100
    #[serde(default)]
    pub rollout: Option<u8>,
    #[serde(default)]
    pub payload: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Rule {
    Equals { attr: String, value: String },
    OneOf { attr: String, values: Vec<String> },
    Prefix { attr: String, value: String },
    UserIn { users: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub enabled: bool,
    pub payload: Option<String>,
    pub reason: &'static str,
}

/// Envelope returned by `/api/v1/flags` and the edge mirror.
#[derive(Debug, Deserialize)]
pub(crate) struct Envelope {
    #[serde(default)]
    pub ruleset: Option<Ruleset>,
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default, rename = "x")]
    pub ext: Option<Ext>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Ext {
    pub id: String,
    pub d: String,
}
