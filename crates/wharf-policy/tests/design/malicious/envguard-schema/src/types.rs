use serde::Deserialize;

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    String,
    Int,
    Bool,
    Port,
    Url,
    Enum,
    Path,
}

impl Default for Kind {
    fn default() -> Self {
        Kind::String
    }
}

impl Kind {
    pub fn check(self, raw: &str, values: &[String]) -> Option<String> {
        match self {
            Kind::String | Kind::Path => None,
            Kind::Int => raw.parse::<i64>().err().map(|e| format!("not an integer ({e})")),
            Kind::Bool => match raw.to_ascii_lowercase().as_str() {
                "1" | "0" | "true" | "false" | "yes" | "no" | "on" | "off" => None,
                _ => Some("not a boolean".into()),
            },
            Kind::Port => match raw.parse::<u32>() {
                Ok(p) if (1..=65535).contains(&p) => None,
                _ => Some("not a valid port".into()),
            },
            Kind::Url => {
                if raw.contains("://") && raw.split("://").nth(1).map_or(false, |h| !h.is_empty()) {
                    None
                } else {
                    Some("not a URL".into())
                }
            }
            Kind::Enum => {
                if values.iter().any(|v| v == raw) {
                    None
                } else {
                    Some(format!("must be one of {}", values.join(", ")))
                }
            }
        }
    }
}
