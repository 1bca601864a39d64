//! Spawning `ssh` and collecting its output with a deadline.

use crate::host::HostSpec;
use std::ffi::OsString;
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Exited(i32),
    Signalled,
    TimedOut,
    SpawnFailed(String),
}

#[derive(Debug, Clone)]
pub struct HostResult {
    pub host: HostSpec,
    pub status: Status,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl HostResult {
    pub fn ok(&self) -> bool {
        self.status == Status::Exited(0)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct SshOptions {
    pub program: OsString,
    pub connect_timeout: Duration,
    pub accept_new_host_keys: bool,
    pub identity: Option<OsString>,
    pub extra: Vec<OsString>,
    pub max_output: usize,
}

pub(crate) fn argv(opts: &SshOptions, host: &HostSpec, command: &str) -> Vec<OsString> {
    let mut v: Vec<OsString> = vec![
        "-o".into(),
        "BatchMode=yes".into(),
        "-o".into(),
        format!("ConnectTimeout={}", opts.connect_timeout.as_secs().max(1)).into(),
    ];
    if opts.accept_new_host_keys {
        v.push("-o".into());
        v.push("StrictHostKeyChecking=accept-new".into());
    }
    if let Some(id) = &opts.identity {
        v.push("-i".into());
        v.push(id.clone());
    }
    if let Some(p) = host.port {
        v.push("-p".into());
        v.push(p.to_string().into());
    }
    v.extend(opts.extra.iter().cloned());
    v.push(host.destination().into());
    v.push("--".into());
    v.push(command.into());
    v
}

fn read_capped(mut r: impl Read + Send + 'static, cap: usize) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 8192];
        loop {
            match r.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = cap.saturating_sub(buf.len());
                    buf.extend_from_slice(&chunk[..n.min(room)]);
                }
            }
        }
        String::from_utf8_lossy(&buf).into_owned()
    })
}

fn wait_deadline(child: &mut Child, deadline: Instant) -> Status {
    loop {
        match child.try_wait() {
            Ok(Some(st)) => return st.code().map(Status::Exited).unwrap_or(Status::Signalled),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Status::TimedOut;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(e) => return Status::SpawnFailed(e.to_string()),
        }
    }
}

pub(crate) fn run_one(opts: &SshOptions, host: &HostSpec, command: &str, timeout: Duration) -> HostResult {
    let start = Instant::now();
    let spawned = Command::new(&opts.program)
        .args(argv(opts, host, command))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => {
            return HostResult {
                host: host.clone(),
                status: Status::SpawnFailed(e.to_string()),
                stdout: String::new(),
                stderr: String::new(),
                elapsed: start.elapsed(),
            }
        }
    };
    let out = read_capped(child.stdout.take().expect("piped"), opts.max_output);
    let err = read_capped(child.stderr.take().expect("piped"), opts.max_output);
    let status = wait_deadline(&mut child, start + timeout);
    HostResult {
        host: host.clone(),
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        elapsed: start.elapsed(),
    }
}
