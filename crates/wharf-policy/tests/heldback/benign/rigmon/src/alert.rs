//! Webhook alerts (Slack/Mattermost-compatible `{"text": ...}` body).

use std::collections::HashMap;

use crate::config::Alert;

pub struct Alerter {
    cfg: Alert,
    failures: HashMap<String, u32>,
    low: HashMap<String, bool>,
}

impl Alerter {
    pub fn new(cfg: Alert) -> Self {
        Alerter {
            cfg,
            failures: HashMap::new(),
            low: HashMap::new(),
        }
    }

    fn send(&self, text: &str) {
        let Some(url) = &self.cfg.webhook else {
            eprintln!("rigmon: {text}");
            return;
        };
        if let Err(e) = ureq::post(url).send_json(serde_json::json!({ "text": text })) {
            eprintln!("rigmon: webhook failed: {e}");
        }
    }

    /// Records a failed poll; alerts once after `after_failures` in a row.
    pub fn unreachable(&mut self, rig: &str, err: &str) {
        let n = self.failures.entry(rig.to_string()).or_insert(0);
        *n += 1;
        if *n == self.cfg.after_failures {
            let n = *n;
            self.send(&format!("rig {rig} unreachable ({n} polls): {err}"));
        }
    }

    /// Records a successful poll; alerts on entering / leaving the low state.
    pub fn observed(&mut self, rig: &str, rate: f64, min: Option<f64>) {
        if self.failures.remove(rig).map_or(false, |n| n >= self.cfg.after_failures) {
            self.send(&format!("rig {rig} is back"));
        }
        if let Some(min) = min {
            let was = self.low.get(rig).copied().unwrap_or(false);
            let is = rate < min;
            if is && !was {
                self.send(&format!(
                    "rig {rig} hashrate {} below {}",
                    crate::fmt_rate(rate),
                    crate::fmt_rate(min)
                ));
            } else if was && !is {
                self.send(&format!("rig {rig} hashrate recovered: {}", crate::fmt_rate(rate)));
            }
            self.low.insert(rig.to_string(), is);
        }
    }
}
