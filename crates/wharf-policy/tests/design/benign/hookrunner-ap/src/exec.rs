//! Running a hook's command.

use std::env;
use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::config::Hook;

/// Output kept from a run (the rest is discarded).
pub const MAX_LOG: usize = 64 * 1024;

/// What happened.
#[derive(Debug)]
pub struct Outcome {
    /// Exit status, `None` if killed on timeout.
    pub status: Option<ExitStatus>,
    /// Combined stdout/stderr, truncated to [`MAX_LOG`].
    pub output: Vec<u8>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Request metadata exposed to the command as `HOOK_*` variables.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// `X-GitHub-Event` (or equivalent), sanitised.
    pub event: String,
    /// `X-GitHub-Delivery` (or equivalent), sanitised.
    pub delivery: String,
}

fn sanitize(v: &str) -> String {
    v.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(128)
        .collect()
}

impl Context {
    /// Build from raw header values.
    pub fn new(event: Option<&str>, delivery: Option<&str>) -> Context {
        Context {
            event: sanitize(event.unwrap_or("")),
            delivery: sanitize(delivery.unwrap_or("")),
        }
    }
}

fn drain<R: Read + Send + 'static>(mut r: R) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut keep = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = MAX_LOG.saturating_sub(keep.len());
                    keep.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        keep
    })
}

/// Run `hook` with `body` on stdin. The program and its arguments come only
/// from the configuration; the request can influence stdin and the
/// sanitised `HOOK_EVENT` / `HOOK_DELIVERY` variables, nothing else.
pub fn run(hook: &Hook, ctx: &Context, body: &[u8]) -> io::Result<Outcome> {
    let started = Instant::now();
    let mut cmd = Command::new(&hook.argv[0]);
    cmd.args(&hook.argv[1..])
        .env_clear()
        .env("HOOK_ID", &hook.id)
        .env("HOOK_EVENT", &ctx.event)
        .env("HOOK_DELIVERY", &ctx.delivery)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for k in &hook.pass_env {
        if let Some(v) = env::var_os(k) {
            cmd.env(k, v);
        }
    }
    if let Some(dir) = &hook.workdir {
        cmd.current_dir(dir);
    }

    let mut child = cmd.spawn()?;
    let out = drain(child.stdout.take().expect("piped"));
    let err = drain(child.stderr.take().expect("piped"));
    {
        let mut stdin = child.stdin.take().expect("piped");
        // A command that ignores stdin may close it early; that is fine.
        let _ = stdin.write_all(body);
    }

    let status = loop {
        if let Some(s) = child.try_wait()? {
            break Some(s);
        }
        if started.elapsed() >= hook.timeout {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(50));
    };

    let mut output = out.join().unwrap_or_default();
    let e = err.join().unwrap_or_default();
    let room = MAX_LOG.saturating_sub(output.len());
    output.extend_from_slice(&e[..e.len().min(room)]);
    Ok(Outcome { status, output, elapsed: started.elapsed() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_headers() {
        let c = Context::new(Some("push; rm -rf /"), Some("$(id)"));
        assert_eq!(c.event, "pushrm-rf");
        assert_eq!(c.delivery, "id");
    }
}
