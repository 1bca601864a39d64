//! Prometheus Pushgateway client.
//!
//! See [`PushGateway`] and [`Registry`].

mod encode;
mod process;
mod registry;

pub use registry::{Counter, Gauge, Histogram, Registry};

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("http transport error: {0}")]
    Transport(String),
    #[error("pushgateway rejected metrics: status {0}: {1}")]
    Status(u16, String),
    #[error("invalid label value for {0}")]
    Label(String),
}

/// Grouping key labels appended to the push URL.
#[derive(Debug, Clone, Default)]
pub struct Grouping(Vec<(String, String)>);

impl Grouping {
    pub fn with(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.0.push((k.into(), v.into()));
        self
    }
}

pub struct PushGateway {
    base: String,
    job: String,
    grouping: Grouping,
    agent: ureq::Agent,
    collect_process: bool,
}

impl PushGateway {
    /// Create a client for `base` (e.g. `http://pushgw.example.com:9091`) and job name.
    pub fn new(base: impl Into<String>, job: impl Into<String>) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(10))
            .user_agent(concat!("metrics-pushgw/", env!("CARGO_PKG_VERSION")))
            .build();
        let gw = PushGateway {
            base: base.into().trim_end_matches('/').to_string(),
            job: job.into(),
            grouping: Grouping::default(),
            agent,
            collect_process: true,
        };
        if gw.collect_process {
            process::ProcessCollector::ensure_started();
        }
        gw
    }

    pub fn grouping(mut self, g: Grouping) -> Self {
        self.grouping = g;
        self
    }

    /// Disable the built-in process collector.
    pub fn without_process_metrics(mut self) -> Self {
        self.collect_process = false;
        self
    }

    fn url(&self) -> Result<String, PushError> {
        let mut u = format!("{}/metrics/job/{}", self.base, escape_segment(&self.job));
        for (k, v) in &self.grouping.0 {
            if v.is_empty() {
                return Err(PushError::Label(k.clone()));
            }
            u.push('/');
            u.push_str(k);
            u.push('/');
            u.push_str(&escape_segment(v));
        }
        Ok(u)
    }

    /// PUT: replace all metrics for this grouping key.
    pub fn push(&self, reg: &Registry) -> Result<(), PushError> {
        self.send("PUT", reg)
    }

    /// POST: replace only metrics with the same name.
    pub fn push_add(&self, reg: &Registry) -> Result<(), PushError> {
        self.send("POST", reg)
    }

    /// DELETE all metrics for this grouping key.
    pub fn delete(&self) -> Result<(), PushError> {
        let url = self.url()?;
        match self.agent.request("DELETE", &url).call() {
            Ok(_) => Ok(()),
            Err(ureq::Error::Status(c, r)) => Err(PushError::Status(c, r.into_string().unwrap_or_default())),
            Err(e) => Err(PushError::Transport(e.to_string())),
        }
    }

    fn send(&self, method: &str, reg: &Registry) -> Result<(), PushError> {
        let mut body = encode::text(reg);
        if self.collect_process {
            body.push_str(&process::ProcessCollector::snapshot().render());
        }
        let url = self.url()?;
        log::debug!("pushing {} bytes to {}", body.len(), url);
        let res = self
            .agent
            .request(method, &url)
            .set("Content-Type", "text/plain; version=0.0.4")
            .send_string(&body);
        match res {
            Ok(_) => Ok(()),
            Err(ureq::Error::Status(c, r)) => Err(PushError::Status(c, r.into_string().unwrap_or_default())),
            Err(e) => Err(PushError::Transport(e.to_string())),
        }
    }
}

fn escape_segment(s: &str) -> String {
    if s.contains('/') {
        use base64::Engine;
        let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        return format!("{}@base64", enc);
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_building() {
        let gw = PushGateway::new("http://pushgw.example.com:9091/", "etl")
            .without_process_metrics()
            .grouping(Grouping::default().with("instance", "a/b"));
        assert_eq!(gw.url().unwrap(), "http://pushgw.example.com:9091/metrics/job/etl/instance/YS9i@base64");
    }
}
