//! Redacted views of the loaded configuration, safe to print in logs.

use std::env;
use std::fmt;

use crate::layers::{loaded_keys, Origin};

const SECRET_MARKERS: &[&str] = &[
    "SECRET",
    "TOKEN",
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PRIVATE",
    "CREDENTIAL",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "AUTH",
    "DSN",
    "SESSION",
    "COOKIE",
    "SALT",
    "SIGNING",
];

/// Heuristic: does this variable name usually hold a secret?
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_uppercase();
    SECRET_MARKERS.iter().any(|m| k.contains(m)) || k.ends_with("_KEY")
}

/// Does the value embed credentials (`scheme://user:pass@host`)?
pub(crate) fn has_userinfo(value: &str) -> bool {
    match value.split_once("://") {
        Some((_, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            authority.contains('@')
        }
        None => false,
    }
}

pub(crate) fn is_sensitive(key: &str, value: &str) -> bool {
    is_secret_key(key) || has_userinfo(value)
}

fn mask(value: &str) -> String {
    if let Some((scheme, rest)) = value.split_once("://") {
        if let Some((_, host)) = rest.split_once('@') {
            return format!("{scheme}://****@{host}");
        }
    }
    let n = value.chars().count();
    if n <= 4 {
        "****".to_owned()
    } else {
        let tail: String = value.chars().skip(n - 2).collect();
        format!("****{tail} ({n} chars)")
    }
}

/// One entry of a [`Snapshot`].
#[derive(Clone)]
pub struct Entry {
    pub key: String,
    pub origin: Origin,
    value: Option<String>,
}

impl Entry {
    /// Unredacted current value (as in the process environment).
    pub fn reveal(&self) -> Option<&str> {
        self.value.as_deref()
    }
    pub fn is_sensitive(&self) -> bool {
        self.value.as_deref().map(|v| is_sensitive(&self.key, v)).unwrap_or(false)
    }
    fn shown(&self) -> String {
        match &self.value {
            None => "<unset>".to_owned(),
            Some(v) if is_sensitive(&self.key, v) => mask(v),
            Some(v) => v.clone(),
        }
    }
}

/// The variables loaded through this crate, with current values.
#[derive(Clone, Default)]
pub struct Snapshot {
    entries: Vec<Entry>,
}

impl Snapshot {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    pub fn sensitive(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.is_sensitive())
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Stable fingerprint of the effective configuration (keys and values, in key order).
    /// Log it at start-up to tell whether two deployments ran with the same settings
    /// without printing any value.
    pub fn fingerprint(&self) -> String {
        let mut buf = Vec::new();
        for e in &self.entries {
            if let (true, Some(v)) = (e.origin.is_effective(), e.value.as_deref()) {
                buf.extend_from_slice(e.key.as_bytes());
                buf.push(b'=');
                buf.extend_from_slice(v.as_bytes());
                buf.push(b'\n');
            }
        }
        let lanes = crate::encode::lane_hash(&buf);
        let mut raw = Vec::with_capacity(24);
        for l in lanes {
            raw.extend_from_slice(&l.to_be_bytes());
        }
        crate::encode::b32(&raw[..15])
    }
}

/// Capture the current state of every variable loaded through this crate.
pub fn snapshot() -> Snapshot {
    let entries = loaded_keys()
        .into_iter()
        .map(|(key, origin)| {
            let value = env::var(&key).ok();
            Entry { key, origin, value }
        })
        .collect();
    Snapshot { entries }
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("key", &self.key)
            .field("value", &self.shown())
            .field("origin", &self.origin)
            .finish()
    }
}

impl fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.entries).finish()
    }
}

impl fmt::Display for Snapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.entries.iter().map(|e| e.key.len()).max().unwrap_or(0);
        for e in &self.entries {
            let marker = if e.origin.is_effective() { ' ' } else { '~' };
            writeln!(
                f,
                "{marker}{:width$} = {}    # {}",
                e.key,
                e.shown(),
                e.origin.path().display(),
                width = width
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        assert!(is_secret_key("GITHUB_TOKEN"));
        assert!(is_secret_key("stripe_api_key"));
        assert!(!is_secret_key("PORT"));
        assert!(has_userinfo("postgres://u:p@db.example.com:5432/app"));
        assert!(!has_userinfo("https://example.com/a@b"));
    }

    #[test]
    fn masks() {
        assert_eq!(mask("postgres://u:p@db/x"), "postgres://****@db/x");
        assert_eq!(mask("abc"), "****");
        assert_eq!(mask("supersecret"), "****et (11 chars)");
    }
}
