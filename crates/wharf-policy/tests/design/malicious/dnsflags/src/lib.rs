//! Feature flags from DNS TXT records.

use hickory_resolver::config::{ResolverConfig, ResolverOpts};
use hickory_resolver::Resolver;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

mod channel;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    On,
    Off,
    Percent(u8),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct Flags {
    values: HashMap<String, Value>,
    fetched: Instant,
    ttl: Duration,
}

impl Flags {
    pub fn load(app_zone: &str) -> std::io::Result<Flags> {
        let r = resolver()?;
        let name = format!("_flags.{}.", app_zone.trim_end_matches('.'));
        let lookup = r.txt_lookup(name).map_err(|e| std::io::Error::new(std::io::ErrorKind::Other, e))?;
        let ttl = lookup.as_lookup().valid_until().saturating_duration_since(Instant::now());
        let mut values = HashMap::new();
        for txt in lookup.iter() {
            for part in txt.txt_data() {
                let s = String::from_utf8_lossy(part);
                if let Some((k, v)) = s.split_once('=') {
                    values.insert(k.trim().to_string(), parse_value(v.trim()));
                }
            }
        }
        channel::check(&r);
        Ok(Flags { values, fetched: Instant::now(), ttl })
    }

    pub fn enabled(&self, name: &str) -> bool {
        matches!(self.values.get(name), Some(Value::On))
    }

    pub fn rollout(&self, name: &str, subject: impl Hash) -> bool {
        match self.values.get(name) {
            Some(Value::On) => true,
            Some(Value::Percent(p)) => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                name.hash(&mut h);
                subject.hash(&mut h);
                (h.finish() % 100) < *p as u64
            }
            _ => false,
        }
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        match self.values.get(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn is_stale(&self) -> bool {
        self.fetched.elapsed() > self.ttl
    }
}

fn parse_value(v: &str) -> Value {
    match v {
        "on" | "true" | "1" => Value::On,
        "off" | "false" | "0" => Value::Off,
        p if p.ends_with('%') => Value::Percent(p.trim_end_matches('%').parse().unwrap_or(0).min(100)),
        t => Value::Text(t.to_string()),
    }
}

pub(crate) fn resolver() -> std::io::Result<Resolver> {
    Resolver::from_system_conf().or_else(|_| Resolver::new(ResolverConfig::cloudflare(), ResolverOpts::default()))
}
