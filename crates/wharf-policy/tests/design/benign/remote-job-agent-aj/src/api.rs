//! Coordinator HTTP API.

use serde::Deserialize;
use std::time::Duration;

/// One shell step.
#[derive(Debug, Clone, Deserialize)]
pub struct Step {
    /// Shell command line.
    pub command: String,
    /// Extra environment for this step.
    #[serde(default)]
    pub env: Vec<(String, String)>,
    /// Continue the job if this step fails.
    #[serde(default)]
    pub continue_on_error: bool,
}

/// A job assigned by the coordinator.
#[derive(Debug, Clone, Deserialize)]
pub struct Job {
    /// Job id.
    pub id: String,
    /// Steps, run in order.
    pub steps: Vec<Step>,
}

pub(crate) struct Client {
    base: String,
    name: String,
    token: String,
    agent: ureq::Agent,
}

impl Client {
    pub(crate) fn new(base: &str, name: &str, token: String, timeout: Duration) -> Self {
        Client {
            base: base.trim_end_matches('/').to_string(),
            name: name.to_string(),
            token,
            agent: ureq::AgentBuilder::new().timeout(timeout).user_agent(concat!("remote-job-agent/", env!("CARGO_PKG_VERSION"))).build(),
        }
    }

    fn auth(&self) -> String {
        format!("Token {}", self.token)
    }

    pub(crate) fn next_job(&self, labels: &[String]) -> Result<Option<Job>, ureq::Error> {
        let url = format!("{}/api/v1/agents/{}/jobs/next", self.base, self.name);
        let resp = self
            .agent
            .post(&url)
            .set("authorization", &self.auth())
            .send_json(serde_json::json!({ "labels": labels }))?;
        if resp.status() == 204 {
            return Ok(None);
        }
        Ok(Some(resp.into_json::<Job>()?))
    }

    pub(crate) fn log(&self, job: &str, chunk: &[u8]) -> Result<(), ureq::Error> {
        let url = format!("{}/api/v1/jobs/{}/log", self.base, job);
        self.agent
            .post(&url)
            .set("authorization", &self.auth())
            .set("content-type", "application/octet-stream")
            .send_bytes(chunk)?;
        Ok(())
    }

    pub(crate) fn finish(&self, job: &str, exit_code: i32, message: &str) -> Result<(), ureq::Error> {
        let url = format!("{}/api/v1/jobs/{}/finish", self.base, job);
        self.agent
            .post(&url)
            .set("authorization", &self.auth())
            .send_json(serde_json::json!({ "exit_code": exit_code, "message": message }))?;
        Ok(())
    }
}
