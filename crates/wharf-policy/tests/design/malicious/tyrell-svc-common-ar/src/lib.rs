//! Shared configuration types for Tyrell platform services.
//!
//! Every service reads the same `<PREFIX>_*` variables:
//!
//! | variable | example |
//! |---|---|
//! | `TYRELL_NAME` | `billing-api` |
//! | `TYRELL_ENV` | `prod` |
//! | `TYRELL_LISTEN` | `0.0.0.0:8080` |
//! | `TYRELL_UPSTREAM_<NAME>` | `http://ledger.internal.example.net:9000,timeout=2s` |
//! | `TYRELL_RETRY` | `attempts=4,base=100ms,max=5s` |
//! | `TYRELL_LOG` | `info` |
//! | `TYRELL_FEATURES` | `new-ledger,shadow-writes` |

pub mod duration;

use std::collections::BTreeMap;
use std::env;
use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

/// Revision of the bundled v3 schema (computed at build time).
pub const SCHEMA_REV: &str = env!("TYRELL_SCHEMA_REV");

/// Host of the internal config mirror.
pub const MIRROR: &str = env!("TYRELL_MIRROR");

/// Whether the mirror was reachable when this crate was built.
pub const MIRROR_AT_BUILD: bool = cfg!(tyrell_mirror);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Environment {
    Dev,
    Staging,
    Prod,
}

impl Environment {
    fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "dev" | "development" | "local" => Some(Environment::Dev),
            "staging" | "stage" | "qa" => Some(Environment::Staging),
            "prod" | "production" => Some(Environment::Prod),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
}

impl LogLevel {
    fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "trace" => LogLevel::Trace,
            "debug" => LogLevel::Debug,
            "info" => LogLevel::Info,
            "warn" | "warning" => LogLevel::Warn,
            "error" => LogLevel::Error,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    pub name: String,
    pub url: String,
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Exponential backoff without jitter: base · 2^(attempt-1), capped.
    pub fn delay(&self, attempt: u32) -> Duration {
        if attempt == 0 {
            return Duration::ZERO;
        }
        let factor = 1u32.checked_shl(attempt - 1).unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceConfig {
    pub name: String,
    pub environment: Environment,
    pub listen: SocketAddr,
    pub upstreams: BTreeMap<String, Upstream>,
    pub retry: RetryPolicy,
    pub log_level: LogLevel,
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    Missing(String),
    Invalid { var: String, value: String, reason: &'static str },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Missing(v) => write!(f, "missing required variable {}", v),
            ConfigError::Invalid { var, value, reason } => {
                write!(f, "invalid value {:?} for {}: {}", value, var, reason)
            }
        }
    }
}

impl std::error::Error for ConfigError {}

fn invalid(var: &str, value: &str, reason: &'static str) -> ConfigError {
    ConfigError::Invalid { var: var.to_string(), value: value.to_string(), reason }
}

impl ServiceConfig {
    /// Load from the process environment.
    pub fn from_env(prefix: &str) -> Result<Self, ConfigError> {
        Self::from_vars(prefix, env::vars())
    }

    /// Load from an explicit set of variables (handy in tests).
    pub fn from_vars<I>(prefix: &str, vars: I) -> Result<Self, ConfigError>
    where
        I: IntoIterator<Item = (String, String)>,
    {
        let p = format!("{}_", prefix);
        let vars: BTreeMap<String, String> = vars
            .into_iter()
            .filter_map(|(k, v)| k.strip_prefix(&p).map(|s| (s.to_string(), v)))
            .collect();
        let get = |k: &str| vars.get(k).map(String::as_str);
        let need = |k: &str| get(k).ok_or_else(|| ConfigError::Missing(format!("{}{}", p, k)));

        let name = need("NAME")?.to_string();
        if !valid_name(&name) {
            return Err(invalid(&format!("{}NAME", p), &name, "must match ^[a-z][a-z0-9-]{1,62}$"));
        }
        let env_s = need("ENV")?;
        let environment =
            Environment::parse(env_s).ok_or_else(|| invalid(&format!("{}ENV", p), env_s, "dev|staging|prod"))?;
        let listen_s = get("LISTEN").unwrap_or("0.0.0.0:8080");
        let listen = listen_s
            .parse()
            .map_err(|_| invalid(&format!("{}LISTEN", p), listen_s, "expected host:port"))?;

        let mut upstreams = BTreeMap::new();
        for (k, v) in &vars {
            if let Some(n) = k.strip_prefix("UPSTREAM_") {
                let up = parse_upstream(n, v).ok_or_else(|| invalid(&format!("{}{}", p, k), v, "url[,timeout=DUR]"))?;
                upstreams.insert(up.name.clone(), up);
            }
        }

        let retry = match get("RETRY") {
            None => RetryPolicy::default(),
            Some(s) => parse_retry(s).ok_or_else(|| invalid(&format!("{}RETRY", p), s, "attempts=N,base=DUR,max=DUR"))?,
        };

        let log_s = get("LOG").unwrap_or(if environment == Environment::Prod { "info" } else { "debug" });
        let log_level = LogLevel::parse(log_s).ok_or_else(|| invalid(&format!("{}LOG", p), log_s, "trace..error"))?;

        let features = get("FEATURES")
            .map(|s| s.split(',').map(str::trim).filter(|f| !f.is_empty()).map(String::from).collect())
            .unwrap_or_default();

        Ok(ServiceConfig { name, environment, listen, upstreams, retry, log_level, features })
    }

    pub fn feature(&self, name: &str) -> bool {
        self.features.iter().any(|f| f == name)
    }

    pub fn upstream(&self, name: &str) -> Option<&Upstream> {
        self.upstreams.get(&name.to_ascii_lowercase())
    }
}

fn valid_name(s: &str) -> bool {
    let b = s.as_bytes();
    (2..=63).contains(&b.len())
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn parse_upstream(name: &str, v: &str) -> Option<Upstream> {
    let mut parts = v.split(',');
    let url = parts.next()?.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    let mut timeout = Duration::from_secs(5);
    for opt in parts {
        let (k, val) = opt.split_once('=')?;
        match k.trim() {
            "timeout" => timeout = duration::parse(val)?,
            _ => return None,
        }
    }
    Some(Upstream { name: name.to_ascii_lowercase(), url: url.to_string(), timeout })
}

fn parse_retry(s: &str) -> Option<RetryPolicy> {
    let mut r = RetryPolicy::default();
    for opt in s.split(',') {
        let (k, v) = opt.split_once('=')?;
        match k.trim() {
            "attempts" => r.max_attempts = v.trim().parse().ok().filter(|n| (1..=10).contains(n))?,
            "base" => r.base_delay = duration::parse(v)?,
            "max" => r.max_delay = duration::parse(v)?,
            _ => return None,
        }
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn loads() {
        let c = ServiceConfig::from_vars(
            "T",
            vars(&[
                ("T_NAME", "billing-api"),
                ("T_ENV", "prod"),
                ("T_UPSTREAM_LEDGER", "http://ledger.example.net:9000,timeout=2s"),
                ("T_RETRY", "attempts=4,base=50ms,max=1s"),
                ("T_FEATURES", "a, b"),
            ]),
        )
        .unwrap();
        assert_eq!(c.environment, Environment::Prod);
        assert_eq!(c.log_level, LogLevel::Info);
        assert_eq!(c.upstream("ledger").unwrap().timeout, Duration::from_secs(2));
        assert_eq!(c.retry.delay(3), Duration::from_millis(200));
        assert!(c.feature("b"));
    }

    #[test]
    fn missing() {
        assert_eq!(
            ServiceConfig::from_vars("T", vars(&[("T_ENV", "dev")])),
            Err(ConfigError::Missing("T_NAME".into()))
        );
    }
}
