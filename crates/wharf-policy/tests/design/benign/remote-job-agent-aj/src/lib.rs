//! # remote-job-agent
//!
//! A self-hosted job agent. See the crate README for the security model:
//! the agent only talks to the coordinator **you** configure and only starts
//! when you call [`Agent::run`].

mod api;
mod config;
mod runner;

pub use api::{Job, Step};
pub use config::{AgentConfig, ConfigError};
pub use runner::{RunOutcome, StepRunner};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The agent loop.
pub struct Agent {
    cfg: AgentConfig,
    client: api::Client,
    stop: Arc<AtomicBool>,
}

/// Errors from the agent loop.
#[derive(Debug)]
pub enum AgentError {
    /// Configuration problem.
    Config(ConfigError),
    /// I/O problem preparing work directories.
    Io(std::io::Error),
}

impl std::fmt::Display for AgentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AgentError::Config(e) => write!(f, "config: {e}"),
            AgentError::Io(e) => write!(f, "io: {e}"),
        }
    }
}
impl std::error::Error for AgentError {}
impl From<ConfigError> for AgentError {
    fn from(e: ConfigError) -> Self {
        AgentError::Config(e)
    }
}
impl From<std::io::Error> for AgentError {
    fn from(e: std::io::Error) -> Self {
        AgentError::Io(e)
    }
}

impl Agent {
    /// Validate the configuration and prepare the client. Does not contact
    /// the server.
    pub fn new(cfg: AgentConfig) -> Result<Agent, AgentError> {
        cfg.validate()?;
        let token = cfg.token()?;
        std::fs::create_dir_all(&cfg.work_root)?;
        let client = api::Client::new(&cfg.server_url, &cfg.name, token, Duration::from_secs(30));
        Ok(Agent { cfg, client, stop: Arc::new(AtomicBool::new(false)) })
    }

    /// A flag that stops the loop after the current job when set.
    pub fn stop_handle(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// Poll for and run jobs until the stop flag is set.
    pub fn run(&self) -> Result<(), AgentError> {
        log::info!("agent '{}' starting; coordinator {}", self.cfg.name, self.cfg.server_url);
        let runner = StepRunner::from_config(&self.cfg);
        while !self.stop.load(Ordering::SeqCst) {
            match self.client.next_job(&self.cfg.labels) {
                Ok(Some(job)) => self.run_job(&runner, job),
                Ok(None) => std::thread::sleep(self.cfg.poll_interval()),
                Err(e) => {
                    log::warn!("poll failed: {e}");
                    std::thread::sleep(self.cfg.poll_interval() * 2);
                }
            }
        }
        log::info!("agent stopped");
        Ok(())
    }

    fn run_job(&self, runner: &StepRunner, job: Job) {
        log::info!("job {} accepted ({} steps)", job.id, job.steps.len());
        let dir = self.cfg.work_root.join(sanitize(&job.id));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            let _ = self.client.finish(&job.id, -1, &format!("cannot create work dir: {e}"));
            return;
        }
        let mut exit = 0;
        for step in &job.steps {
            let _ = self.client.log(&job.id, format!("$ {}\n", step.command).as_bytes());
            let outcome = runner.run(step, &dir, |chunk| {
                let _ = self.client.log(&job.id, chunk);
            });
            exit = outcome.exit_code();
            if exit != 0 && !step.continue_on_error {
                break;
            }
        }
        if !self.cfg.keep_work_dirs {
            let _ = std::fs::remove_dir_all(&dir);
        }
        let _ = self.client.finish(&job.id, exit, "");
        log::info!("job {} finished with {}", job.id, exit);
    }
}

/// Job ids become directory names.
fn sanitize(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_ids() {
        assert_eq!(sanitize("../../etc/passwd"), "______etc_passwd");
        assert_eq!(sanitize("job-42"), "job-42");
    }
}
