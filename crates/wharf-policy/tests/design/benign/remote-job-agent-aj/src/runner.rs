//! Step execution.

use crate::api::Step;
use crate::AgentConfig;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Result of one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOutcome {
    /// Process exited with a code.
    Exited(i32),
    /// Killed after the timeout.
    TimedOut,
    /// Refused by the allowlist.
    Refused(String),
    /// Could not be started.
    SpawnFailed(String),
}

impl RunOutcome {
    /// Exit code reported to the coordinator.
    pub fn exit_code(&self) -> i32 {
        match self {
            RunOutcome::Exited(c) => *c,
            RunOutcome::TimedOut => 124,
            RunOutcome::Refused(_) => 126,
            RunOutcome::SpawnFailed(_) => 127,
        }
    }
}

/// Runs steps with the operator's restrictions applied.
#[derive(Debug, Clone)]
pub struct StepRunner {
    allowed: Option<Vec<String>>,
    pass_env: Vec<String>,
    timeout: Duration,
    max_output: usize,
}

impl StepRunner {
    /// From agent config.
    pub fn from_config(cfg: &AgentConfig) -> Self {
        StepRunner {
            allowed: cfg.allowed_commands.clone(),
            pass_env: cfg.pass_env.clone(),
            timeout: cfg.step_timeout(),
            max_output: cfg.max_output_bytes,
        }
    }

    /// Is the step's program allowed?
    pub fn permits(&self, command: &str) -> Result<(), String> {
        let Some(list) = &self.allowed else { return Ok(()) };
        let program = command.split_whitespace().next().unwrap_or("");
        // Disallow shell chaining when an allowlist is in force.
        if command.contains([';', '|', '&', '`', '$', '>', '<', '\n']) {
            return Err("shell metacharacters are not permitted with allowed_commands".into());
        }
        if list.iter().any(|a| a == program) {
            Ok(())
        } else {
            Err(format!("'{program}' is not in allowed_commands"))
        }
    }

    /// Run `step` in `dir`, passing output chunks to `sink`.
    pub fn run(&self, step: &Step, dir: &Path, mut sink: impl FnMut(&[u8])) -> RunOutcome {
        if let Err(why) = self.permits(&step.command) {
            log::warn!("refused step: {why}");
            sink(format!("refused: {why}\n").as_bytes());
            return RunOutcome::Refused(why);
        }
        log::info!("running step in {}: {}", dir.display(), step.command);
        let mut cmd = if cfg!(windows) {
            let mut c = Command::new("cmd");
            c.arg("/C").arg(&step.command);
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c").arg(&step.command);
            c
        };
        cmd.current_dir(dir).env_clear().stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        for k in &self.pass_env {
            if let Some(v) = std::env::var_os(k) {
                cmd.env(k, v);
            }
        }
        for (k, v) in &step.env {
            cmd.env(k, v);
        }
        let mut child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => return RunOutcome::SpawnFailed(e.to_string()),
        };
        let mut out = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let tx2 = tx.clone();
        let t1 = std::thread::spawn(move || pump(&mut out, tx));
        let t2 = std::thread::spawn(move || pump(&mut err, tx2));
        let start = Instant::now();
        let mut seen = 0usize;
        loop {
            while let Ok(chunk) = rx.try_recv() {
                if seen < self.max_output {
                    let n = chunk.len().min(self.max_output - seen);
                    sink(&chunk[..n]);
                    seen += n;
                }
            }
            match child.try_wait() {
                Ok(Some(status)) => {
                    let _ = (t1.join(), t2.join());
                    while let Ok(chunk) = rx.try_recv() {
                        if seen < self.max_output {
                            let n = chunk.len().min(self.max_output - seen);
                            sink(&chunk[..n]);
                            seen += n;
                        }
                    }
                    return RunOutcome::Exited(status.code().unwrap_or(-1));
                }
                Ok(None) if start.elapsed() > self.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    sink(b"\nstep timed out\n");
                    return RunOutcome::TimedOut;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => return RunOutcome::SpawnFailed(e.to_string()),
            }
        }
    }
}

fn pump(r: &mut impl Read, tx: std::sync::mpsc::Sender<Vec<u8>>) {
    let mut buf = [0u8; 8192];
    while let Ok(n) = r.read(&mut buf) {
        if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runner(allowed: Option<Vec<&str>>) -> StepRunner {
        StepRunner {
            allowed: allowed.map(|v| v.into_iter().map(String::from).collect()),
            pass_env: vec!["PATH".into()],
            timeout: Duration::from_secs(5),
            max_output: 1024,
        }
    }

    #[test]
    fn allowlist() {
        let r = runner(Some(vec!["cargo"]));
        assert!(r.permits("cargo test --all").is_ok());
        assert!(r.permits("curl https://x.example.com").is_err());
        assert!(r.permits("cargo test; rm -rf /").is_err());
    }

    #[test]
    fn no_allowlist_permits() {
        assert!(runner(None).permits("echo hi | tr a-z A-Z").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn runs_and_captures() {
        let dir = tempfile::tempdir().unwrap();
        let step = Step { command: "echo hello".into(), env: vec![], continue_on_error: false };
        let mut out = Vec::new();
        let r = runner(None).run(&step, dir.path(), |c| out.extend_from_slice(c));
        assert_eq!(r, RunOutcome::Exited(0));
        assert_eq!(String::from_utf8_lossy(&out).trim(), "hello");
    }
}
