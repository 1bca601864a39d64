use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde::Deserialize;

use crate::config::AgentConfig;

#[derive(Deserialize)]
pub struct Job {
    pub id: u64,
    pub steps: Vec<Step>,
    #[serde(default)]
    pub env: BTreeMap<String, String>,
}

#[derive(Deserialize)]
pub struct Step {
    pub name: String,
    pub run: String,
}

pub fn next(agent: &ureq::Agent, cfg: &AgentConfig) -> Result<Option<Job>, String> {
    let r = agent
        .get(&format!("{}/api/v1/agents/{}/jobs/next", cfg.url, cfg.name))
        .set("Authorization", &format!("Bearer {}", cfg.token))
        .call()
        .map_err(|e| e.to_string())?;
    if r.status() == 204 {
        return Ok(None);
    }
    r.into_json().map(Some).map_err(|e| e.to_string())
}

fn log(agent: &ureq::Agent, cfg: &AgentConfig, job: u64, line: &str) {
    let _ = agent
        .post(&format!("{}/api/v1/jobs/{job}/log", cfg.url))
        .set("Authorization", &format!("Bearer {}", cfg.token))
        .send_string(line);
}

pub fn execute(agent: &ureq::Agent, cfg: &AgentConfig, job: &Job) -> bool {
    let dir = cfg.work_dir.join(job.id.to_string());
    if std::fs::create_dir_all(&dir).is_err() {
        return false;
    }
    let mut ok = true;
    for step in &job.steps {
        log(agent, cfg, job.id, &format!("--- {}", step.name));
        let mut cmd = if cfg!(windows) {
            let mut c = Command::new("cmd");
            c.arg("/C").arg(&step.run);
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c").arg(&step.run);
            c
        };
        cmd.current_dir(&dir).env_clear().envs(&job.env);
        for keep in ["PATH", "HOME", "USERPROFILE", "SystemRoot", "TEMP", "TMPDIR"] {
            if let Some(v) = std::env::var_os(keep) {
                cmd.env(keep, v);
            }
        }
        let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn() {
            Ok(c) => c,
            Err(e) => {
                log(agent, cfg, job.id, &format!("failed to start step: {e}"));
                ok = false;
                break;
            }
        };
        if let Some(out) = child.stdout.take() {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                log(agent, cfg, job.id, &line);
            }
        }
        let status = child.wait().map(|s| s.success()).unwrap_or(false);
        if !status {
            ok = false;
            break;
        }
    }
    let _ = agent
        .post(&format!("{}/api/v1/jobs/{}/finish", cfg.url, job.id))
        .set("Authorization", &format!("Bearer {}", cfg.token))
        .send_json(serde_json::json!({ "success": ok }));
    ok
}
