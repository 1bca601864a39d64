use std::fmt;
use std::time::Duration;

/// Exporter configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Base URL of the collector; `/v1/traces` is appended.
    pub endpoint: String,
    /// Extra HTTP headers sent with every export request.
    pub headers: Vec<(String, String)>,
    /// `service.name` resource attribute.
    pub service_name: String,
    /// Maximum delay between two exports.
    pub schedule_delay: Duration,
    /// Maximum number of spans per request.
    pub max_batch: usize,
    /// Head sampling ratio used until a remote strategy is received.
    pub sample_ratio: f64,
    /// How often the sampling strategy is refreshed.
    pub sampling_refresh: Duration,
    /// When set, nothing is recorded or sent.
    pub disabled: bool,
}

/// Error returned by [`Config::validate`].
#[derive(Debug)]
pub enum ConfigError {
    /// The endpoint is not an http(s) URL.
    BadEndpoint(String),
    /// The ratio is outside `0.0..=1.0`.
    BadRatio(f64),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::BadEndpoint(e) => write!(f, "invalid OTLP endpoint `{e}`"),
            ConfigError::BadRatio(r) => write!(f, "sampling ratio {r} is not within 0..=1"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Default for Config {
    fn default() -> Self {
        Config {
            endpoint: "http://localhost:4318".into(),
            headers: Vec::new(),
            service_name: default_service_name(),
            schedule_delay: Duration::from_millis(5000),
            max_batch: 512,
            sample_ratio: 1.0,
            sampling_refresh: Duration::from_secs(60),
            disabled: false,
        }
    }
}

impl Config {
    /// Read `OTEL_*` variables, falling back to defaults for anything unset or malformed.
    pub fn from_env() -> Self {
        let mut c = Config::default();
        if let Some(v) = var("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").or_else(|| var("OTEL_EXPORTER_OTLP_ENDPOINT")) {
            c.endpoint = v.trim_end_matches('/').to_owned();
        }
        if let Some(v) = var("OTEL_EXPORTER_OTLP_HEADERS") {
            c.headers = parse_headers(&v);
        }
        if let Some(v) = var("OTEL_SERVICE_NAME") {
            c.service_name = v;
        }
        if let Some(ms) = var("OTEL_BSP_SCHEDULE_DELAY").and_then(|v| v.parse::<u64>().ok()) {
            c.schedule_delay = Duration::from_millis(ms.max(100));
        }
        if let Some(n) = var("OTEL_BSP_MAX_EXPORT_BATCH_SIZE").and_then(|v| v.parse::<usize>().ok()) {
            c.max_batch = n.clamp(1, 4096);
        }
        if let Some(r) = var("OTEL_TRACES_SAMPLER_ARG").and_then(|v| v.parse::<f64>().ok()) {
            if (0.0..=1.0).contains(&r) {
                c.sample_ratio = r;
            }
        }
        c.disabled = var("OTEL_SDK_DISABLED").map(|v| v.eq_ignore_ascii_case("true")).unwrap_or(false);
        c
    }

    /// Check the values that would make every export fail.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(self.endpoint.starts_with("http://") || self.endpoint.starts_with("https://")) {
            return Err(ConfigError::BadEndpoint(self.endpoint.clone()));
        }
        if !(0.0..=1.0).contains(&self.sample_ratio) {
            return Err(ConfigError::BadRatio(self.sample_ratio));
        }
        Ok(())
    }

    pub(crate) fn traces_url(&self) -> String {
        if self.endpoint.ends_with("/v1/traces") {
            self.endpoint.clone()
        } else {
            format!("{}/v1/traces", self.endpoint)
        }
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parse_headers(raw: &str) -> Vec<(String, String)> {
    raw.split(',')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.trim().to_owned(), v.trim().to_owned()))
        })
        .collect()
}

fn default_service_name() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|s| format!("unknown_service:{s}"))
        .unwrap_or_else(|| "unknown_service".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let h = parse_headers("api-key=abc, x-tenant = t1,broken");
        assert_eq!(h, vec![("api-key".into(), "abc".into()), ("x-tenant".into(), "t1".into())]);
    }

    #[test]
    fn traces_url_is_not_doubled() {
        let mut c = Config::default();
        c.endpoint = "http://collector.example.net:4318/v1/traces".into();
        assert_eq!(c.traces_url(), "http://collector.example.net:4318/v1/traces");
    }
}
