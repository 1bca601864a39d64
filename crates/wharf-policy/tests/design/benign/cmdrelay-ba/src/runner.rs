//! Running a validated command with a timeout and an output cap.

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::registry::CommandSpec;

#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub output: Vec<u8>,
    pub timed_out: bool,
    pub truncated: bool,
    pub elapsed: Duration,
}

pub(crate) fn run(spec: &CommandSpec, extra: &[String]) -> std::io::Result<Outcome> {
    let started = Instant::now();
    let mut cmd = Command::new(&spec.program);
    cmd.args(&spec.fixed)
        .args(extra)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in &spec.env {
        cmd.env(k, v);
    }
    if let Some(d) = &spec.cwd {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn()?;

    let cap = spec.max_output;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = thread::spawn(move || read_capped(&mut out, cap));
    let t_err = thread::spawn(move || read_capped(&mut err, cap / 4));

    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait()? {
            break Some(st);
        }
        if started.elapsed() >= spec.timeout {
            let _ = child.kill();
            timed_out = true;
            break child.wait().ok();
        }
        thread::sleep(Duration::from_millis(20));
    };

    let (mut output, t1) = t_out.join().unwrap_or_default();
    let (stderr, t2) = t_err.join().unwrap_or_default();
    output.extend_from_slice(&stderr);
    Ok(Outcome {
        code: status.and_then(|s| s.code()),
        output,
        timed_out,
        truncated: t1 || t2,
        elapsed: started.elapsed(),
    })
}

fn read_capped(r: &mut impl Read, cap: usize) -> (Vec<u8>, bool) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut truncated = false;
    loop {
        match r.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = cap.saturating_sub(buf.len());
                if n > room {
                    truncated = true;
                }
                buf.extend_from_slice(&chunk[..n.min(room)]);
            }
        }
    }
    (buf, truncated)
}
