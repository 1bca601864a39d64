//! Resource attributes describing the process that emits telemetry.

use std::collections::BTreeMap;

/// Key/value attributes attached to every export.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Resource {
    /// Attribute map.
    pub attributes: BTreeMap<String, String>,
}

impl Resource {
    /// Detect from the environment and the host.
    pub fn detect() -> Self {
        let mut attributes = BTreeMap::new();
        attributes.insert("telemetry.sdk.name".into(), crate::SDK_NAME.into());
        attributes.insert("telemetry.sdk.version".into(), crate::SDK_VERSION.into());
        attributes.insert("telemetry.sdk.language".into(), "rust".into());
        attributes.insert("process.pid".into(), std::process::id().to_string());
        attributes.insert("os.type".into(), std::env::consts::OS.into());
        attributes.insert("host.arch".into(), std::env::consts::ARCH.into());
        if let Some(h) = hostname() {
            attributes.insert("host.name".into(), h);
        }
        let service = std::env::var("OTEL_SERVICE_NAME").unwrap_or_else(|_| {
            std::env::current_exe()
                .ok()
                .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "unknown_service".into())
        });
        attributes.insert("service.name".into(), service);
        if let Ok(raw) = std::env::var("OTEL_RESOURCE_ATTRIBUTES") {
            for (k, v) in parse_attribute_list(&raw) {
                attributes.insert(k, v);
            }
        }
        Resource { attributes }
    }

    /// Merge `other` on top of `self`.
    pub fn merge(mut self, other: &Resource) -> Self {
        for (k, v) in &other.attributes {
            self.attributes.insert(k.clone(), v.clone());
        }
        self
    }

    /// Look up one attribute.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.attributes.get(key).map(String::as_str)
    }
}

/// Parse `k1=v1,k2=v2` (percent-decoding values).
pub fn parse_attribute_list(raw: &str) -> Vec<(String, String)> {
    raw.split(',')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            let k = k.trim();
            if k.is_empty() {
                return None;
            }
            Some((k.to_string(), percent_decode(v.trim())))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(crate) fn hostname() -> Option<String> {
    if let Ok(h) = std::env::var("HOSTNAME") {
        if !h.is_empty() {
            return Some(h);
        }
    }
    std::fs::read_to_string("/etc/hostname").ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_list() {
        let v = parse_attribute_list("deployment.environment=prod, team=core%20infra,=bad");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1], ("team".to_string(), "core infra".to_string()));
    }

    #[test]
    fn detect_has_sdk() {
        let r = Resource::detect();
        assert_eq!(r.get("telemetry.sdk.name"), Some("otel-lite"));
    }
}
