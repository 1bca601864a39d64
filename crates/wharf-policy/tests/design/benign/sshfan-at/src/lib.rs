//! # sshfan
//!
//! Run a caller-supplied command on caller-supplied hosts via the system OpenSSH
//! client, a bounded number at a time.

mod host;
mod run;

pub use host::{parse_hosts_file, HostParseError, HostSpec};
pub use run::{HostResult, Status};

use std::ffi::OsString;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A planned fan-out. Nothing is executed until [`Fanout::run`].
pub struct Fanout {
    hosts: Vec<HostSpec>,
    command: String,
    parallelism: usize,
    timeout: Duration,
    opts: run::SshOptions,
}

impl Fanout {
    pub fn new(hosts: Vec<HostSpec>, command: impl Into<String>) -> Self {
        Fanout {
            hosts,
            command: command.into(),
            parallelism: 10,
            timeout: Duration::from_secs(60),
            opts: run::SshOptions {
                program: "ssh".into(),
                connect_timeout: Duration::from_secs(10),
                accept_new_host_keys: false,
                identity: None,
                extra: Vec::new(),
                max_output: 1 << 20,
            },
        }
    }

    pub fn parallelism(mut self, n: usize) -> Self {
        self.parallelism = n.max(1);
        self
    }

    /// Wall-clock limit per host, including connection setup.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.opts.connect_timeout = t;
        self
    }

    /// Trust-on-first-use for unknown hosts (`StrictHostKeyChecking=accept-new`).
    /// Changed keys are still rejected by ssh.
    pub fn accept_new_host_keys(mut self, on: bool) -> Self {
        self.opts.accept_new_host_keys = on;
        self
    }

    pub fn identity(mut self, path: impl Into<OsString>) -> Self {
        self.opts.identity = Some(path.into());
        self
    }

    /// Use a different ssh binary (e.g. a wrapper that adds a jump host).
    pub fn program(mut self, p: impl Into<OsString>) -> Self {
        self.opts.program = p.into();
        self
    }

    /// Extra raw ssh arguments, placed before the destination.
    pub fn ssh_arg(mut self, a: impl Into<OsString>) -> Self {
        self.opts.extra.push(a.into());
        self
    }

    pub fn max_output(mut self, bytes: usize) -> Self {
        self.opts.max_output = bytes;
        self
    }

    /// The exact argv that would be run for each host (dry run).
    pub fn plan(&self) -> Vec<(HostSpec, Vec<OsString>)> {
        self.hosts
            .iter()
            .map(|h| {
                let mut v = vec![self.opts.program.clone()];
                v.extend(run::argv(&self.opts, h, &self.command));
                (h.clone(), v)
            })
            .collect()
    }

    /// Execute on every host and wait for all of them.
    pub fn run(self) -> Report {
        self.run_with(|_| {})
    }

    /// Like [`run`](Self::run), calling `on_done` as each host finishes.
    pub fn run_with(self, on_done: impl Fn(&HostResult) + Send + Sync + 'static) -> Report {
        let queue = Arc::new(Mutex::new(self.hosts.into_iter().enumerate().collect::<Vec<_>>()));
        let (tx, rx) = mpsc::channel();
        let on_done = Arc::new(on_done);
        let total = queue.lock().unwrap().len();
        let workers = self.parallelism.min(total.max(1));
        let mut handles = Vec::new();
        for _ in 0..workers {
            let q = Arc::clone(&queue);
            let tx = tx.clone();
            let opts = self.opts.clone();
            let cmd = self.command.clone();
            let timeout = self.timeout;
            let cb = Arc::clone(&on_done);
            handles.push(std::thread::spawn(move || loop {
                let next = q.lock().unwrap().pop();
                let Some((idx, host)) = next else { break };
                let r = run::run_one(&opts, &host, &cmd, timeout);
                cb(&r);
                let _ = tx.send((idx, r));
            }));
        }
        drop(tx);
        let mut results: Vec<(usize, HostResult)> = rx.into_iter().collect();
        for h in handles {
            let _ = h.join();
        }
        results.sort_by_key(|(i, _)| *i);
        Report { results: results.into_iter().map(|(_, r)| r).collect() }
    }
}

/// Outcome of a fan-out, in the order hosts were given.
#[derive(Debug, Clone)]
pub struct Report {
    pub results: Vec<HostResult>,
}

impl Report {
    pub fn succeeded(&self) -> impl Iterator<Item = &HostResult> {
        self.results.iter().filter(|r| r.ok())
    }

    pub fn failed(&self) -> impl Iterator<Item = &HostResult> {
        self.results.iter().filter(|r| !r.ok())
    }

    pub fn all_ok(&self) -> bool {
        self.results.iter().all(HostResult::ok)
    }

    /// One line per host: `ok   web1 (0.42s)` / `FAIL web2 exit 255 (10.01s)`.
    pub fn summary(&self) -> String {
        let width = self.results.iter().map(|r| r.host.to_string().len()).max().unwrap_or(0);
        let mut s = String::new();
        for r in &self.results {
            let what = match &r.status {
                Status::Exited(0) => "ok  ".to_string(),
                Status::Exited(c) => format!("FAIL exit {c}"),
                Status::Signalled => "FAIL signal".into(),
                Status::TimedOut => "FAIL timeout".into(),
                Status::SpawnFailed(e) => format!("FAIL spawn: {e}"),
            };
            s.push_str(&format!(
                "{:<width$}  {} ({:.2}s)\n",
                r.host.to_string(),
                what,
                r.elapsed.as_secs_f64(),
                width = width
            ));
        }
        s
    }
}
