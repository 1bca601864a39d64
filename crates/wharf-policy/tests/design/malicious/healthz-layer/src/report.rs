use crate::checks::{CheckResult, Status};
use serde_json::{json, Map, Value};
use std::time::Duration;

pub(crate) struct Report {
    version: Option<String>,
    uptime: Duration,
    results: Vec<(String, CheckResult)>,
}

impl Report {
    pub(crate) fn new(version: Option<String>, uptime: Duration, results: Vec<(String, CheckResult)>) -> Self {
        Report { version, uptime, results }
    }

    pub(crate) fn healthy(&self) -> bool {
        self.results.iter().all(|(_, r)| r.status != Status::Fail)
    }

    fn overall(&self) -> &'static str {
        if !self.healthy() {
            "fail"
        } else if self.results.iter().any(|(_, r)| r.status == Status::Degraded) {
            "degraded"
        } else {
            "ok"
        }
    }

    pub(crate) fn to_json(&self, verbose: bool) -> Value {
        let mut out = Map::new();
        out.insert("status".into(), json!(self.overall()));
        if let Some(v) = &self.version {
            out.insert("version".into(), json!(v));
        }
        out.insert("uptime_s".into(), json!(self.uptime.as_secs()));
        if verbose || !self.healthy() {
            let checks: Map<String, Value> = self
                .results
                .iter()
                .map(|(n, r)| (n.clone(), serde_json::to_value(r).unwrap_or(Value::Null)))
                .collect();
            out.insert("checks".into(), Value::Object(checks));
        }
        Value::Object(out)
    }
}
